import KernelSupport

// Random init's arithmetic (the engine's `Weights/RandomInit.swift` describes the generator and
// shares the blocks between threads). NOTE: always 16 values per block whatever the variant's
// width, and every multiply-add fused (`fusedMultiplyAdd`), so that a seed gives the same bits on
// every variant and every machine.

/// Fills blocks `blocks` (16 values each) of `data[0..<count]` with draws of `draw`.
func fillRandom(_ draw: RandomDraw, blocks: Range<Int>, _ data: UnsafeMutablePointer<Float>, count: Int) {
    for block in blocks {
        let values = sample(draw, block: block)
        let start = 16 * block
        if start + 16 <= count {
            UnsafeMutableRawPointer(data + start).storeBytes(of: values, as: SIMD16<Float>.self)
        } else {
            for lane in 0 ..< count - start { data[start + lane] = values[lane] }
        }
    }
}

@inline(__always)
private func sample(_ draw: RandomDraw, block: Int) -> SIMD16<Float> {
    switch draw.distribution {
    case .uniform:
        return symmetricUniform(key: draw.key, block: block) * draw.scale
    case .truncatedNormal:
        // z = sqrt(2) erfinv(x), x uniform on (-erf(sqrt 2), erf(sqrt 2)), is normal truncated at 2.
        let x = symmetricUniform(key: draw.key, block: block) * 0.954_499_74
        let z = erfinv(x) * Float(2).squareRoot()
        // Rounding in erfinv must not step past the bound. (`clamped` compiles to scalar code.)
        let bound = SIMD16<Float>(repeating: 2)
        return z.replacing(with: bound, where: z .> bound).replacing(with: -bound, where: z .< -bound) * draw.scale
    }
}

/// 32 random bits for each of elements `16 * block ..< 16 * block + 16`: SplitMix64's finaliser
/// applied to the elements of a Weyl sequence starting at `key`.
@inline(__always)
private func bits(key: UInt64, block: Int) -> SIMD16<UInt32> {
    let gamma: UInt64 = RandomDraw.gamma
    let counters = SIMD8<UInt64>(repeating: UInt64(8 * block)) &+ SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 7)
    var z = SIMD8<UInt64>(repeating: key) &+ counters &* gamma &+ gamma
    z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z &>> 31
    return SIMD16(lowHalf: SIMD8<UInt32>(truncatingIfNeeded: z), highHalf: SIMD8<UInt32>(truncatingIfNeeded: z &>> 32))
}

/// Uniform on (-1, 1), symmetric about 0, in steps of 2^-23.
@inline(__always)
private func symmetricUniform(key: UInt64, block: Int) -> SIMD16<Float> {
    // 23 random bits as the mantissa of a float in [1, 2): no int-to-float conversion needed.
    let oneToTwo = unsafeBitCast((bits(key: key, block: block) &>> 9) | 0x3F80_0000, to: SIMD16<Float>.self)
    return (oneToTwo - 1.5 + 0x1p-24) * 2
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
    y = fusedMultiplyAdd(y, e, SIMD16(repeating: -2.121_944_40e-4))
    y = fusedMultiplyAdd(y, z, SIMD16(repeating: -0.5))
    return fusedMultiplyAdd(f + y, e, SIMD16(repeating: 0.693_359_375))
}

/// One Horner step, `p * x + c`, fused.
@inline(__always)
private func horner(_ p: SIMD16<Float>, _ x: SIMD16<Float>, _ c: Float) -> SIMD16<Float> {
    fusedMultiplyAdd(SIMD16(repeating: c), p, x)
}
