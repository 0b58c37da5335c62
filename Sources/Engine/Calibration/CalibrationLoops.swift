import KernelIntrinsics
import KernelSupport

/// The two loops whose speed is the machine's ceiling for the engine's kernels (a roofline's
/// roofs): fused multiply-adds on registers, and a streaming sum of memory. Both run on the
/// kernels' threads (`KernelThreads.limit`), in chunks shared as the kernels share theirs, with the
/// kernel variant's own vector and multiply-add (the inner loops are the variant's table entries);
/// the profiling module times them (the engine holds no timing code).
public enum CalibrationLoops {
    /// Floats per SIMD vector of `variant`'s kernels (16 for AVX-512, 8 for AVX2, 4 generic).
    public static func vectorLanes(_ variant: KernelVariant = .selected) -> Int { variant.kernels.vectorFloats }

    /// Multiply-add steps per accumulator in one chunk of `multiplyAdds(chunks:)`.
    static let stepsPerChunk = 1 << 17
    /// Independent accumulators: an FMA's latency (4 cycles on Zen 3 and 4) times the FMAs the
    /// core starts per cycle (one zmm, or two ymm) is at most 8, so 8 chains keep the units busy.
    static let accumulators = 8

    /// FLOPs of one chunk of `multiplyAdds(chunks:)` (a multiply-add counted as 2).
    public static func flopsPerChunk(_ variant: KernelVariant = .selected) -> Int {
        2 * stepsPerChunk * accumulators * vectorLanes(variant)
    }

    /// Runs `chunks` chunks of register-only multiply-adds (`flopsPerChunk` FLOPs each) on the
    /// kernels' threads; returns a number that depends on every one, so none can be left out.
    public static func multiplyAdds(chunks: Int, variant: KernelVariant = .selected) -> Float {
        let sums = UnsafeMutablePointer<Float>.allocate(capacity: chunks)
        defer { sums.deallocate() }
        MultiplyAddChunks(kernels: variant.kernels, sums: sums).run(chunks: chunks)
        return (0..<chunks).reduce(0) { $0 + sums[$1] }
    }

    /// Floats summed per chunk of `readSum`: 4 MiB, shared out as every kernel's chunks are.
    static let readChunkFloats = 1 << 20

    /// Sums `floats` floats from `start` (a multiple of `readChunkFloats`) on the kernels' threads,
    /// reading each once, front to back in 4 MiB chunks.
    public static func readSum(_ start: UnsafePointer<Float>, floats: Int, variant: KernelVariant = .selected) -> Float {
        precondition(floats % readChunkFloats == 0, "readSum: \(floats) floats is not a whole number of chunks")
        let chunks = floats / readChunkFloats
        let sums = UnsafeMutablePointer<Float>.allocate(capacity: chunks)
        defer { sums.deallocate() }
        ReadChunks(kernels: variant.kernels, start: start, sums: sums).run(chunks: chunks)
        return (0..<chunks).reduce(0) { $0 + sums[$1] }
    }

    /// True when `evictFromCaches` works on this CPU (x86-64 with CLFLUSHOPT).
    public static let canEvictFromCaches = kernel_can_evict_lines() != 0

    /// Writes back and drops `floats` floats from `start` (a multiple of `readChunkFloats`) out of
    /// every level of cache, on the kernels' threads, when `canEvictFromCaches`; else does nothing.
    /// The values are unchanged. Before `readSum`, it makes the sum read memory, not a cache that
    /// holds much of it: a last-level cache can be larger than the memory summed (260 MiB on Intel
    /// Xeon family 6 model 207, where the best of 5 sums of the same 128 MiB came out at 52 GB/s
    /// for a memory that streams 30).
    public static func evictFromCaches(_ start: UnsafePointer<Float>, floats: Int) {
        precondition(floats % readChunkFloats == 0, "evictFromCaches: \(floats) floats is not a whole number of chunks")
        guard canEvictFromCaches else { return }
        EvictChunks(start: start).run(chunks: floats / readChunkFloats)
    }
}

/// Eight chains of `a += x * x` per chunk (the variant's `multiplyAddChains`).
private struct MultiplyAddChunks: ChunkedWork {
    let kernels: KernelTable
    let sums: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        let lanes = kernels.vectorFloats
        let start = UnsafeMutablePointer<Float>.allocate(capacity: 9 * lanes)
        defer { start.deallocate() }
        // Chain j starts at j/16 and gains x·x = 2^-20 a step: 2^17 steps end at j/16 + 1/8,
        // every partial sum exact in float32 (so a test can count the steps).
        for index in 0..<(8 * lanes) { start[index] = Float(index / lanes) / 16 }
        for index in (8 * lanes)..<(9 * lanes) { start[index] = 1.0 / 1024 }
        sums[chunk] = kernels.multiplyAddChains(UnsafePointer(start), CalibrationLoops.stepsPerChunk)
    }
}

/// One 4 MiB chunk out of the caches per call.
private struct EvictChunks: ChunkedWork {
    let start: UnsafePointer<Float>

    func run(chunk: Int, worker: Int) {
        let length = CalibrationLoops.readChunkFloats
        kernel_evict_lines(start + chunk * length, length * MemoryLayout<Float>.stride)
    }
}

/// One 4 MiB chunk per call (the variant's `streamSum`).
private struct ReadChunks: ChunkedWork {
    let kernels: KernelTable
    let start: UnsafePointer<Float>
    let sums: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        sums[chunk] = kernels.streamSum(start + chunk * CalibrationLoops.readChunkFloats, CalibrationLoops.readChunkFloats)
    }
}
