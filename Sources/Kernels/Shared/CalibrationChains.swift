/// The inner loops of the engine's calibration (`CalibrationLoops`): what this variant's vector
/// and multiply-add reach on registers alone, and on a stream from memory.

/// Eight chains of `a += x * x` from `start` (9 vectors: the eight chains' starts, then x), each
/// multiply-add waiting for its own chain's last one only; returns the sum of every lane.
/// NOTE: the chains start from memory, in a function of their own, with a `while` loop: written
/// otherwise (starts built from scalars, `for` over a range) the optimiser split them into
/// narrower or scalar FMAs (checked with `objdump -d`).
@inline(never)
func multiplyAddChains(_ start: UnsafePointer<Float>, steps: Int) -> Float {
    let raw = UnsafeRawPointer(start), bytes = MemoryLayout<Vector>.size
    let x = raw.loadUnaligned(fromByteOffset: 8 * bytes, as: Vector.self)
    var a0 = raw.loadUnaligned(as: Vector.self), a1 = raw.loadUnaligned(fromByteOffset: bytes, as: Vector.self)
    var a2 = raw.loadUnaligned(fromByteOffset: 2 * bytes, as: Vector.self)
    var a3 = raw.loadUnaligned(fromByteOffset: 3 * bytes, as: Vector.self)
    var a4 = raw.loadUnaligned(fromByteOffset: 4 * bytes, as: Vector.self)
    var a5 = raw.loadUnaligned(fromByteOffset: 5 * bytes, as: Vector.self)
    var a6 = raw.loadUnaligned(fromByteOffset: 6 * bytes, as: Vector.self)
    var a7 = raw.loadUnaligned(fromByteOffset: 7 * bytes, as: Vector.self)
    var step = 0
    while step < steps {
        a0 = multiplyAdd(a0, x, x); a1 = multiplyAdd(a1, x, x); a2 = multiplyAdd(a2, x, x); a3 = multiplyAdd(a3, x, x)
        a4 = multiplyAdd(a4, x, x); a5 = multiplyAdd(a5, x, x); a6 = multiplyAdd(a6, x, x); a7 = multiplyAdd(a7, x, x)
        step += 1
    }
    return ((a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7)).sum()
}

/// The sum of `count` floats from `start` (a multiple of 4 vectors), read once front to back
/// with four accumulators, so that the adds keep up with memory.
@inline(never)
func streamSum(_ start: UnsafePointer<Float>, count: Int) -> Float {
    let base = UnsafeRawPointer(start)
    let bytes = MemoryLayout<Vector>.size, end = count * MemoryLayout<Float>.size
    var s0 = Vector(), s1 = Vector(), s2 = Vector(), s3 = Vector()
    var offset = 0
    while offset < end {
        s0 += base.loadUnaligned(fromByteOffset: offset, as: Vector.self)
        s1 += base.loadUnaligned(fromByteOffset: offset + bytes, as: Vector.self)
        s2 += base.loadUnaligned(fromByteOffset: offset + 2 * bytes, as: Vector.self)
        s3 += base.loadUnaligned(fromByteOffset: offset + 3 * bytes, as: Vector.self)
        offset += 4 * bytes
    }
    return ((s0 + s1) + (s2 + s3)).sum()
}
