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
