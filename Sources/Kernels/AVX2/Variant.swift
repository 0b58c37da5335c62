// The AVX2 + FMA kernels (Haswell, Zen 1-3 and later): 16 ymm registers. The target is compiled
// with `-mavx2 -mfma` (Package.swift).

/// 8 floats: one ymm register.
typealias Vector = SIMD8<Float>

enum Variant {
    static let name = "avx2"
    /// 6 rows x 2 vectors (6x16 floats): 12 accumulators, 2 loads of B and a broadcast of A fit
    /// in the 16 ymm registers (measured on Zen 3: 88% of the FMA peak; 8 rows would spill).
    static var tileRows: Int { 6 }
    /// Winograd's products pack each tile of V's rows first (`GEMM.multiplyPackingRows`): about
    /// 1.2x the GFLOP per CPU-second on the 3x3 layers (AMD EPYC Zen 4, one thread).
    static let packsFarRows = true
}

@inline(__always) func multiplyAdd(_ c: Vector, _ a: Vector, _ b: Vector) -> Vector { c.addingProduct(a, b) }

/// c + a * b rounded once (random init's arithmetic, the same bits on every variant).
@inline(__always) func fusedMultiplyAdd(_ c: SIMD16<Float>, _ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    c.addingProduct(a, b)
}
