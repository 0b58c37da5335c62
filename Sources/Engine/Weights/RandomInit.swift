import Dispatch

/// How a parameter is drawn when no weights file is given.
public enum Initializer: Sendable, Equatable {
    /// Normal with mean 0, values beyond two standard deviations redrawn (TensorFlow's
    /// `truncated_normal`). Sampled by inverting the truncated CDF, which gives exactly that
    /// distribution without a data-dependent redraw loop.
    case truncatedNormal(stddev: Float)
    /// Uniform on [-bound, bound] (PyTorch's default for conv and linear layers: 1/sqrt(fan_in)).
    case uniform(bound: Float)
    case constant(Float)
}

/// Counter-based random bits: output `i` of a stream is a pure function of (seed, stream, i), so
/// filling a tensor on any number of threads, in any order, on any machine gives the same values.
///
/// The function is SplitMix64's finaliser applied to the `i`-th element of a Weyl sequence whose
/// start is derived from the seed and the stream name.
struct CounterRandom: Sendable {
    let key: UInt64

    init(seed: UInt64, stream: String) {
        // FNV-1a: a stable hash (Swift's Hasher is randomised per process).
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in stream.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        key = Self.mix(Self.mix(seed) ^ hash)
    }

    private static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ gamma
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 32 random bits for each of elements `16 * block ..< 16 * block + 16`.
    @inline(__always)
    func bits(block: Int) -> SIMD16<UInt32> {
        let counters = SIMD8<UInt64>(repeating: UInt64(8 * block)) &+ SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 7)
        var z = SIMD8<UInt64>(repeating: key) &+ counters &* Self.gamma &+ Self.gamma
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z &>> 31
        return SIMD16(lowHalf: SIMD8<UInt32>(truncatingIfNeeded: z), highHalf: SIMD8<UInt32>(truncatingIfNeeded: z &>> 32))
    }

    /// Uniform on (-1, 1), symmetric about 0, in steps of 2^-23.
    @inline(__always)
    func symmetricUniform(block: Int) -> SIMD16<Float> {
        // 23 random bits as the mantissa of a float in [1, 2): no int-to-float conversion needed.
        let oneToTwo = unsafeBitCast((bits(block: block) &>> 9) | 0x3F80_0000, to: SIMD16<Float>.self)
        return (oneToTwo - 1.5 + 0x1p-24) * 2
    }
}

extension Initializer {
    /// Fills `tensor` with values drawn for `stream` (the parameter's name) under `seed`, on all cores.
    public func fill(_ tensor: Tensor, seed: UInt64, stream: String) {
        let count = tensor.count
        if case let .constant(value) = self {
            tensor.data.update(repeating: value, count: count)
            return
        }
        let random = CounterRandom(seed: seed, stream: stream)
        let blocks = (count + 15) / 16
        let blocksPerChunk = 4096
        let chunks = (blocks + blocksPerChunk - 1) / blocksPerChunk
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let data = tensor.data
            for block in chunk * blocksPerChunk ..< min(blocks, (chunk + 1) * blocksPerChunk) {
                let values = sample(random, block: block)
                let start = 16 * block
                if start + 16 <= count {
                    UnsafeMutableRawPointer(data + start).storeBytes(of: values, as: SIMD16<Float>.self)
                } else {
                    for lane in 0 ..< count - start { data[start + lane] = values[lane] }
                }
            }
        }
    }

    @inline(__always)
    private func sample(_ random: CounterRandom, block: Int) -> SIMD16<Float> {
        switch self {
        case let .uniform(bound):
            return random.symmetricUniform(block: block) * bound
        case let .truncatedNormal(stddev):
            // z = sqrt(2) erfinv(x), x uniform on (-erf(sqrt 2), erf(sqrt 2)), is normal truncated at 2.
            let x = random.symmetricUniform(block: block) * 0.954_499_74
            let z = erfinv(x) * Float(2).squareRoot()
            // Rounding in erfinv must not step past the bound. (`clamped` compiles to scalar code.)
            let bound = SIMD16<Float>(repeating: 2)
            return z.replacing(with: bound, where: z .> bound).replacing(with: -bound, where: z .< -bound) * stddev
        case let .constant(value):
            return SIMD16(repeating: value)
        }
    }
}

/// Inverse error function for |x| < 0.9973 (the central branch of M. Giles, "Approximating the
/// erfinv function", GPU Computing Gems, 2011; single-precision accurate).
@inline(__always)
func erfinv(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let w = -naturalLog((1 - x) * (1 + x)) - 2.5
    var p = SIMD16<Float>(repeating: 2.810_226_36e-08)
    p = horner(p, w, 3.432_739_39e-07)
    p = horner(p, w, -3.523_387_7e-06)
    p = horner(p, w, -4.391_506_54e-06)
    p = horner(p, w, 0.000_218_580_87)
    p = horner(p, w, -0.001_253_725_03)
    p = horner(p, w, -0.004_177_681_64)
    p = horner(p, w, 0.246_640_727)
    p = horner(p, w, 1.501_409_41)
    return p * x
}

/// Natural logarithm of positive normal floats, by the Cephes `logf` polynomial; written with
/// integer bit operations and fused multiply-adds only, so it vectorises and gives the same
/// bits on every machine (unlike libm's `logf`).
@inline(__always)
func naturalLog(_ x: SIMD16<Float>) -> SIMD16<Float> {
    // x = 2^e * m with m in [sqrt(1/2), sqrt(2)): offsetting the bits by sqrt(1/2)'s moves the
    // exponent boundary there, so no compare-and-select is needed.
    let offset = unsafeBitCast(x, to: SIMD16<Int32>.self) &- 0x3F35_04F3
    let exponent = offset &>> 23
    let m = unsafeBitCast((offset & 0x007F_FFFF) &+ 0x3F35_04F3, to: SIMD16<Float>.self)
    // Small integer to float without a conversion instruction: 1.5 * 2^23 + e has e in its mantissa.
    let e = unsafeBitCast(exponent &+ 0x4B40_0000, to: SIMD16<Float>.self) - 12_582_912
    let f = m - 1
    let z = f * f
    var y = SIMD16<Float>(repeating: 7.037_683_629_2e-2)
    y = horner(y, f, -1.151_461_031_0e-1)
    y = horner(y, f, 1.167_699_874_0e-1)
    y = horner(y, f, -1.242_014_084_6e-1)
    y = horner(y, f, 1.424_932_278_7e-1)
    y = horner(y, f, -1.666_805_766_5e-1)
    y = horner(y, f, 2.000_071_476_5e-1)
    y = horner(y, f, -2.499_999_399_3e-1)
    y = horner(y, f, 3.333_333_117_4e-1)
    y = y * f * z
    y = y.addingProduct(e, -2.121_944_40e-4)
    y = y.addingProduct(z, -0.5)
    return (f + y).addingProduct(e, 0.693_359_375)
}

/// One Horner step, `p * x + c`, fused.
@inline(__always)
private func horner(_ p: SIMD16<Float>, _ x: SIMD16<Float>, _ c: Float) -> SIMD16<Float> {
    SIMD16(repeating: c).addingProduct(p, x)
}
