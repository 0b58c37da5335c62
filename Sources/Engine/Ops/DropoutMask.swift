/// Training-time dropout: each element is kept with probability `keep` and then scaled by
/// 1 / keep, zeroed otherwise. The mask is a pure function of (seed, index), so the same seed
/// gives the same mask whatever the thread split.
/// - Parameters: input and output `count` floats.
func dropout(_ input: UnsafePointer<Float>, count: Int, rate: Float, seed: UInt64,
             into output: UnsafeMutablePointer<Float>) {
    let keep = 1 - rate
    guard keep > 0 else {
        output.initialize(repeating: 0, count: count)
        return
    }
    let scale = 1 / keep
    // Compare 24-bit uniform integers: exact, no float rounding at the threshold.
    let threshold = UInt64((Double(keep) * Double(1 << 24)).rounded())
    for index in 0..<count {
        let draw = splitMix64(seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15) >> 40
        output[index] = draw < threshold ? input[index] * scale : 0
    }
}

/// SplitMix64's output function: a well-mixed 64-bit value for each input.
@inline(__always)
func splitMix64(_ state: UInt64) -> UInt64 {
    var z = state &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}
