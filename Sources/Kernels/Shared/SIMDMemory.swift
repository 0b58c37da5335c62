// Unaligned loads and stores of the variant's `Vector`: every hot loop goes through these, so
// that pointers of any alignment (memory-mapped weights, offsets into a row) are fine.

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

/// Copies `count` floats with vector moves: for the short runs of im2col (33 floats for an 11-wide
/// window over 3 channels) a call to `memmove` costs more than the copy. Source and destination
/// must not overlap.
@inline(__always) func copyFloats(from source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>,
                                  count: Int) {
    guard count >= Vector.scalarCount else {
        for index in 0..<count { destination[index] = source[index] }
        return
    }
    var index = 0
    while index + Vector.scalarCount <= count {
        destination.storeVector(source.loadVector(at: index), at: index)
        index += Vector.scalarCount
    }
    if index < count {
        // The last vector overlaps the one before: rewriting a few floats beats a scalar tail.
        let last = count - Vector.scalarCount
        destination.storeVector(source.loadVector(at: last), at: last)
    }
}
