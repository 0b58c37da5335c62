import Testing
@testable import Engine

struct CalibrationLoopsTests {
    /// Every chunk's eight chains of `lanes` lanes start at j/16 (j = 0..7) and gain 2^-20 in
    /// each of 2^17 steps, exactly in float32: a chunk sums to lanes × (28/16 + 8/8) = 2.75 lanes.
    /// One step left out anywhere would change the sum, so the FLOPs counted are the FLOPs done.
    @Test func multiplyAddChunksDoEveryStep() {
        let lanes = Float(CalibrationLoops.vectorLanes)
        #expect(CalibrationLoops.multiplyAdds(chunks: 3) == 3 * 2.75 * lanes)
        #expect(CalibrationLoops.flopsPerChunk == 2 * (1 << 17) * 8 * CalibrationLoops.vectorLanes)
    }

    /// Two 4 MiB chunks of 0, 1, 2, 3, 0, 1, ...: 2^21 floats averaging 1.5, sum 3 × 2^20 (every
    /// partial sum an integer below 2^24, so exact).
    @Test func readSumReadsEveryFloatOnce() {
        let floats = 2 * CalibrationLoops.readChunkFloats
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: floats)
        defer { buffer.deallocate() }
        for index in 0..<floats { buffer[index] = Float(index % 4) }
        #expect(CalibrationLoops.readSum(buffer, floats: floats) == Float(3 << 20))
    }
}
