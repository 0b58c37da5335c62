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
    SIMD16(lowHalf: emulatedFusedMultiplyAdd(c.lowHalf, a.lowHalf, b.lowHalf),
           highHalf: emulatedFusedMultiplyAdd(c.highHalf, a.highHalf, b.highHalf))
    #else
    c.addingProduct(a, b)
    #endif
}

#if arch(x86_64)
/// A fused multiply-add without the FMA instruction, as musl's `fmaf` computes it: the product of
/// two floats is exact in double, and their sum with c rounded to double and then to float is the
/// fused result unless the double lies exactly halfway between two floats (then the first
/// rounding may have decided the second): those lanes, about one in 2^28, take libm's `fmaf`.
/// (Results that underflow to subnormal floats are not handled; random init has none.)
@inline(__always)
private func emulatedFusedMultiplyAdd(_ c: SIMD8<Float>, _ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    let sum = SIMD8<Double>(a) * SIMD8<Double>(b) + SIMD8<Double>(c)
    let halfway = (unsafeBitCast(sum, to: SIMD8<UInt64>.self) & 0x1FFF_FFFF) .== 0x1000_0000
    var result = SIMD8<Float>(sum)
    if any(halfway) {
        for lane in 0..<8 where halfway[lane] { result[lane] = fmaf(a[lane], b[lane], c[lane]) }
    }
    return result
}
#endif
