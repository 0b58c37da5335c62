import Testing
@testable import Engine

struct ParallelTests {
    /// Counts how often each chunk runs, and records any worker index out of range. Each slot is
    /// written by the one thread that runs its chunk, so a plain buffer counts the runs: a chunk
    /// run twice or never shows up as a count other than 1.
    private struct CountingWork: ChunkedWork {
        let runs: UnsafeMutablePointer<Int>
        let badWorkers: UnsafeMutablePointer<Int>

        func run(chunk: Int, worker: Int) {
            runs[chunk] += 1
            if !(0..<workerCount).contains(worker) { badWorkers[worker & 1] = 1 }
        }
    }

    private func runCounting(chunks: Int) -> (runs: [Int], badWorkers: Int) {
        let runs = UnsafeMutablePointer<Int>.allocate(capacity: chunks)
        let bad = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        defer { runs.deallocate(); bad.deallocate() }
        runs.initialize(repeating: 0, count: chunks)
        bad.initialize(repeating: 0, count: 2)
        CountingWork(runs: runs, badWorkers: bad).run(chunks: chunks)
        return (Array(UnsafeBufferPointer(start: runs, count: chunks)), bad[0] + bad[1])
    }

    @Test(arguments: [0, 1, 2, 3, 17, 1000])
    func everyChunkRunsExactlyOnceWithAValidWorkerIndex(chunks: Int) {
        let (runs, badWorkers) = runCounting(chunks: chunks)
        #expect(runs == Array(repeating: 1, count: chunks))
        #expect(badWorkers == 0)
    }

    @Test func everyChunkRunsOnceEvenWithManyConcurrentCallers() async {
        // Callers on several threads at once: one gets the helper thread, the others run alone.
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<200).allSatisfy { _ in runCounting(chunks: 5) == ([1, 1, 1, 1, 1], 0) }
                }
            }
            for await ok in group { #expect(ok) }
        }
    }

    @Test func aSeatTakesItsOwnShareFromTheFrontThenTheOthersFromTheBack() {
        let ranges = ChunkRanges(capacity: 4)
        // 10 chunks for 3 seats: shares [0, 3), [3, 6), [6, 10).
        ranges.deal(10, seats: 3)
        var taken: [Int] = []
        while let chunk = ranges.take(seat: 0) { taken.append(chunk) }
        #expect(taken == [0, 1, 2, 5, 4, 3, 9, 8, 7, 6])
    }

    @Test func sharesInterleavedBetweenSeatsStillCoverEveryChunkOnce() {
        let ranges = ChunkRanges(capacity: 2)
        ranges.deal(7, seats: 2)  // [0, 3) and [3, 7)
        // Seat 1 takes two of its own, then seat 0 runs dry and steals seat 1's back.
        let first = [ranges.take(seat: 1), ranges.take(seat: 1)]
        var seatZero: [Int] = []
        while let chunk = ranges.take(seat: 0) { seatZero.append(chunk) }
        #expect(first == [3, 4])
        #expect(seatZero == [0, 1, 2, 6, 5])
        #expect(ranges.take(seat: 1) == nil)
    }
}
