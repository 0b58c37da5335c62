/// Unaligned 16-float vector loads and stores: every hot loop in the ops goes through these, so
/// that pointers of any alignment (memory-mapped weights, offsets into a row) are fine.
typealias Vector = SIMD16<Float>

extension UnsafePointer where Pointee == Float {
    @inline(__always) func loadVector(at offset: Int = 0) -> Vector {
        UnsafeRawPointer(self + offset).loadUnaligned(as: Vector.self)
    }
}

extension UnsafeMutablePointer where Pointee == Float {
    @inline(__always) func loadVector(at offset: Int = 0) -> Vector {
        UnsafeRawPointer(self + offset).loadUnaligned(as: Vector.self)
    }

    @inline(__always) func storeVector(_ vector: Vector, at offset: Int = 0) {
        UnsafeMutableRawPointer(self + offset).storeBytes(of: vector, as: Vector.self)
    }
}

// NOTE: the standard library's `pointwiseMax`/`pointwiseMin` follow IEEE maxNum's NaN rules and
// compile to a scalar loop per lane; these selects compile to one compare and one blend.

/// Lane-wise maximum; a NaN in `a` is kept (NaN compares false, so `a` is chosen).
@inline(__always) func maximum(_ a: Vector, _ b: Vector) -> Vector {
    a.replacing(with: b, where: b .> a)
}

/// Lane-wise minimum; a NaN in `a` is kept.
@inline(__always) func minimum(_ a: Vector, _ b: Vector) -> Vector {
    a.replacing(with: b, where: b .< a)
}
