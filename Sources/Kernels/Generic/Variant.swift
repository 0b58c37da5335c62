// The generic kernels: any x86-64 (SSE2, 16 xmm registers, no FMA) and any other architecture.
#if canImport(Glibc)
import Glibc
#endif

/// 4 floats: one xmm register (one NEON register on arm64).
typealias Vector = SIMD4<Float>

enum Variant {
    static let name = "generic"
    /// 6 rows x 2 vectors: 12 accumulators, 2 loads of B and a broadcast of A fit in 16 registers.
    static var tileRows: Int { 6 }
    /// Winograd's products pack each tile of V's rows first (`GEMM.multiplyPackingRows`): 5-15%
    /// faster on the 3x3 layers (AMD EPYC Zen 4, one thread).
    static let packsFarRows = true
}

/// c + a * b. NOTE: without FMA in the instruction set, `addingProduct` becomes a call to `fmaf`
/// per lane (35x slower), so x86-64 multiplies and adds separately; arm64 always has FMA.
@inline(__always) func multiplyAdd(_ c: Vector, _ a: Vector, _ b: Vector) -> Vector {
    #if arch(x86_64)
    c + a * b
    #else
    c.addingProduct(a, b)
    #endif
}

/// c + a * b rounded once (random init's arithmetic, the same bits on every variant).
@inline(__always) func fusedMultiplyAdd(_ c: SIMD16<Float>, _ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    #if arch(x86_64)
    // NOTE: without the FMA instruction, as musl's `fmaf` computes it: the product of two floats
    // is exact in double, and its sum with c rounded to double and then to float is the fused
    // result unless the double lies exactly halfway between two floats (then the first rounding
    // may have decided the second): a vector with such a lane, about one in 2^24, takes libm's
    // `fmaf`. (Results that underflow to subnormal floats are not handled; random init has none.)
    // A quarter at a time (four floats, two xmm registers of doubles), lane by lane, which the
    // compiler turns into vector conversions: SIMD16<Double> at once would not fit the registers.
    let (r0, h0) = fusedMultiplyAdd(c.lowHalf.lowHalf, a.lowHalf.lowHalf, b.lowHalf.lowHalf)
    let (r1, h1) = fusedMultiplyAdd(c.lowHalf.highHalf, a.lowHalf.highHalf, b.lowHalf.highHalf)
    let (r2, h2) = fusedMultiplyAdd(c.highHalf.lowHalf, a.highHalf.lowHalf, b.highHalf.lowHalf)
    let (r3, h3) = fusedMultiplyAdd(c.highHalf.highHalf, a.highHalf.highHalf, b.highHalf.highHalf)
    guard h0 || h1 || h2 || h3 else {
        return SIMD16(lowHalf: SIMD8(lowHalf: r0, highHalf: r1), highHalf: SIMD8(lowHalf: r2, highHalf: r3))
    }
    var result = SIMD16<Float>()
    for lane in 0..<16 { result[lane] = fmaf(a[lane], b[lane], c[lane]) }
    return result
    #else
    return c.addingProduct(a, b)
    #endif
}

#if arch(x86_64)
/// c + a * b in double, rounded to float, and whether a lane's double lay halfway between two
/// floats (where the result may differ from the fused one).
@inline(__always) private func fusedMultiplyAdd(_ c: SIMD4<Float>, _ a: SIMD4<Float>, _ b: SIMD4<Float>)
    -> (SIMD4<Float>, Bool) {
    @inline(__always) func widened(_ x: SIMD4<Float>) -> SIMD4<Double> {
        SIMD4(Double(x[0]), Double(x[1]), Double(x[2]), Double(x[3]))
    }
    let sum = widened(a) * widened(b) + widened(c)
    let low = unsafeBitCast(sum, to: SIMD4<UInt64>.self) & 0x1FFF_FFFF
    let halfway = (low[0] == 0x1000_0000) || (low[1] == 0x1000_0000) || (low[2] == 0x1000_0000)
        || (low[3] == 0x1000_0000)
    return (SIMD4(Float(sum[0]), Float(sum[1]), Float(sum[2]), Float(sum[3])), halfway)
}
#endif
