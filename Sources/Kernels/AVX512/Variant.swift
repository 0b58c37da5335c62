// The AVX-512 kernels (Skylake-X, Ice Lake, Zen 4 and later): 32 zmm registers. The target is
// compiled for x86-64-v4 (`-march=x86-64-v4`, Package.swift says why).

/// 16 floats: one zmm register.
typealias Vector = SIMD16<Float>

enum Variant {
    static let name = "avx512"
    /// 8 rows x 2 vectors (8x32 floats): 16 accumulators of the 32 zmm registers (measured
    /// against 6x64, 7x64, 12x32 and 14x32 tiles: 12 and 14 rows spill, 64 columns were no faster).
    static var tileRows: Int { 8 }
    /// Winograd's products read V's rows in place: packing each tile of rows first
    /// (`GEMM.multiplyPackingRows`) made seed's and alexnet's 3x3 layers 7-10% slower per
    /// CPU-second (AMD EPYC Zen 4, one thread), the packing not paying for itself over 8-12 panels.
    static let packsFarRows = false
}

@inline(__always) func multiplyAdd(_ c: Vector, _ a: Vector, _ b: Vector) -> Vector { c.addingProduct(a, b) }

/// c + a * b rounded once (random init's arithmetic, the same bits on every variant).
@inline(__always) func fusedMultiplyAdd(_ c: SIMD16<Float>, _ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    c.addingProduct(a, b)
}
