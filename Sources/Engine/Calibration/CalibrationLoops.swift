/// The two loops whose speed is the machine's ceiling for the engine's kernels (a roofline's
/// roofs): fused multiply-adds on registers, and a streaming sum of memory. Both run on the
/// kernels' threads (`KernelThreads.limit`), in chunks shared as the kernels share theirs, with the
/// kernels' SIMD vector; the profiling module times them (the engine holds no timing code).
public enum CalibrationLoops {
    /// Floats per SIMD vector of the kernels (16: AVX-512's zmm registers, as `-march=native`
    /// compiles `SIMD16<Float>` on this project's hosts).
    public static var vectorLanes: Int { Vector.scalarCount }

    /// Multiply-add steps per accumulator in one chunk of `multiplyAdds(chunks:)`.
    static let stepsPerChunk = 1 << 17
    /// Independent accumulators: an FMA's latency (4 cycles on Zen 3 and 4) times the FMAs the
    /// core starts per cycle (one zmm, or two ymm) is at most 8, so 8 chains keep the units busy.
    static let accumulators = 8

    /// FLOPs of one chunk of `multiplyAdds(chunks:)` (a multiply-add counted as 2).
    public static var flopsPerChunk: Int { 2 * stepsPerChunk * accumulators * vectorLanes }

    /// Runs `chunks` chunks of register-only multiply-adds (`flopsPerChunk` FLOPs each) on the
    /// kernels' threads; returns a number that depends on every one, so none can be left out.
    public static func multiplyAdds(chunks: Int) -> Float {
        let sums = UnsafeMutablePointer<Float>.allocate(capacity: chunks)
        defer { sums.deallocate() }
        MultiplyAddChunks(sums: sums).run(chunks: chunks)
        return (0..<chunks).reduce(0) { $0 + sums[$1] }
    }

    /// Floats summed per chunk of `readSum`: 4 MiB, taken in turn by the threads.
    static let readChunkFloats = 1 << 20

    /// Sums `floats` floats from `start` (a multiple of `readChunkFloats`) on the kernels' threads,
    /// reading each once, front to back in 4 MiB chunks.
    public static func readSum(_ start: UnsafePointer<Float>, floats: Int) -> Float {
        precondition(floats % readChunkFloats == 0, "readSum: \(floats) floats is not a whole number of chunks")
        let chunks = floats / readChunkFloats
        let sums = UnsafeMutablePointer<Float>.allocate(capacity: chunks)
        defer { sums.deallocate() }
        ReadChunks(start: start, sums: sums).run(chunks: chunks)
        return (0..<chunks).reduce(0) { $0 + sums[$1] }
    }
}

/// Eight chains of `a += x * x` per chunk: each FMA waits for its own chain's last one only.
/// NOTE: on the concrete `Vector`, not generic over `SIMD`: the standard library's generic
/// `addingProduct` compiles to one scalar FMA per lane. A kernel variant with another vector
/// measures its own peak by compiling this file with its own `Vector`.
private struct MultiplyAddChunks: ChunkedWork {
    let sums: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        let lanes = Vector.scalarCount
        let start = UnsafeMutablePointer<Float>.allocate(capacity: 9 * lanes)
        defer { start.deallocate() }
        // Chain j starts at j/16 and gains x·x = 2^-20 a step: 2^17 steps end at j/16 + 1/8,
        // every partial sum exact in float32 (so a test can count the steps).
        for index in 0..<(8 * lanes) { start[index] = Float(index / lanes) / 16 }
        for index in (8 * lanes)..<(9 * lanes) { start[index] = 1.0 / 1024 }
        sums[chunk] = Self.chains(UnsafePointer(start), steps: CalibrationLoops.stepsPerChunk)
    }

    /// NOTE: the chains start from memory, in a function of their own, with a `while` loop and
    /// `addProduct`: written otherwise (starts built from scalars, `for` over a range, inside
    /// `run`), the optimiser split them into 4-lane or scalar FMAs (checked with `objdump -d`).
    /// The debug build (`-O` file by file, `-enable-testing`) still splits them: its peak reads
    /// several times low, so only a release build's ceilings mean anything.
    @inline(never)
    static func chains(_ start: UnsafePointer<Float>, steps: Int) -> Float {
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
            a0.addProduct(x, x); a1.addProduct(x, x); a2.addProduct(x, x); a3.addProduct(x, x)
            a4.addProduct(x, x); a5.addProduct(x, x); a6.addProduct(x, x); a7.addProduct(x, x)
            step += 1
        }
        return ((a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7)).sum()
    }
}

/// One 4 MiB chunk per call, summed with four accumulators so that the adds keep up with memory.
private struct ReadChunks: ChunkedWork {
    let start: UnsafePointer<Float>
    let sums: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        // The standard library's loads, as in `chains`.
        let base = UnsafeRawPointer(start + chunk * CalibrationLoops.readChunkFloats)
        let bytes = MemoryLayout<Vector>.size, end = CalibrationLoops.readChunkFloats * MemoryLayout<Float>.size
        var s0 = Vector(), s1 = Vector(), s2 = Vector(), s3 = Vector()
        var offset = 0
        while offset < end {
            s0 += base.loadUnaligned(fromByteOffset: offset, as: Vector.self)
            s1 += base.loadUnaligned(fromByteOffset: offset + bytes, as: Vector.self)
            s2 += base.loadUnaligned(fromByteOffset: offset + 2 * bytes, as: Vector.self)
            s3 += base.loadUnaligned(fromByteOffset: offset + 3 * bytes, as: Vector.self)
            offset += 4 * bytes
        }
        sums[chunk] = ((s0 + s1) + (s2 + s3)).sum()
    }
}
