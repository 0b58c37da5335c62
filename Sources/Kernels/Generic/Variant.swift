// The generic kernels: any x86-64 (SSE2, 16 xmm registers, no FMA) and any other architecture.

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
