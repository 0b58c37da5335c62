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
    var result = SIMD16<Float>()
    var halfway: UInt64 = 0
    for lane in 0..<16 {
        let sum = Double(a[lane]) * Double(b[lane]) + Double(c[lane])
        halfway |= (sum.bitPattern & 0x1FFF_FFFF) == 0x1000_0000 ? 1 : 0
        result[lane] = Float(sum)
    }
    if halfway != 0 {
        for lane in 0..<16 { result[lane] = fmaf(a[lane], b[lane], c[lane]) }
    }
    return result
    #else
    return c.addingProduct(a, b)
    #endif
}
