import Foundation
import Testing
@testable import Engine

struct CalibrationLoopsTests {
    /// Every chunk's eight chains of `lanes` lanes start at j/16 (j = 0..7) and gain 2^-20 in
    /// each of 2^17 steps, exactly in float32: a chunk sums to lanes × (28/16 + 8/8) = 2.75 lanes.
    /// One step left out anywhere would change the sum, so the FLOPs counted are the FLOPs done,
    /// on every kernel variant this CPU runs.
    @Test(arguments: KernelVariant.supported)
    func multiplyAddChunksDoEveryStep(variant: KernelVariant) {
        let lanes = CalibrationLoops.vectorLanes(variant)
        #expect(lanes == ["generic": 4, "avx2": 8, "avx512": 16][variant.rawValue])
        #expect(CalibrationLoops.multiplyAdds(chunks: 3, variant: variant) == 3 * 2.75 * Float(lanes))
        #expect(CalibrationLoops.flopsPerChunk(variant) == 2 * (1 << 17) * 8 * lanes)
    }

    /// Two 4 MiB chunks of 0, 1, 2, 3, 0, 1, ...: 2^21 floats averaging 1.5, sum 3 × 2^20 (every
    /// partial sum an integer below 2^24, so exact).
    @Test(arguments: KernelVariant.supported)
    func readSumReadsEveryFloatOnce(variant: KernelVariant) {
        let floats = 2 * CalibrationLoops.readChunkFloats
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: floats)
        defer { buffer.deallocate() }
        for index in 0..<floats { buffer[index] = Float(index % 4) }
        #expect(CalibrationLoops.readSum(buffer, floats: floats, variant: variant) == Float(3 << 20))
    }

    /// Lines written just before (dirty in the cache) are written back, not dropped: the values
    /// and their sum are the same after the eviction.
    @Test func evictingFromTheCachesKeepsEveryValue() {
        let floats = 2 * CalibrationLoops.readChunkFloats
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: floats)
        defer { buffer.deallocate() }
        for index in 0..<floats { buffer[index] = Float(index % 4) }
        CalibrationLoops.evictFromCaches(buffer, floats: floats)
        #expect((0..<floats).allSatisfy { buffer[$0] == Float($0 % 4) })
        #expect(CalibrationLoops.readSum(buffer, floats: floats) == Float(3 << 20))
    }

    /// The CPUID test agrees with the flags the operating system lists for this CPU.
    @Test func evictionIsAvailableExactlyWhenTheCPUListsCLFLUSHOPT() throws {
        #if os(Linux) && arch(x86_64)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ") ?? []
        #expect(CalibrationLoops.canEvictFromCaches == flags.contains("clflushopt"))
        #else
        #expect(!CalibrationLoops.canEvictFromCaches)
        #endif
    }
}
