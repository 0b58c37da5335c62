import Testing
@testable import Engine

struct ParallelTests {
    /// Each slot is written by the one thread that runs its chunk (or half), so a plain buffer
    /// counts runs; a chunk run twice or never shows up as a count other than 1.
    private func counts(_ count: Int, _ fill: (UnsafeMutablePointer<Int>) -> Void) -> [Int] {
        let slots = UnsafeMutablePointer<Int>.allocate(capacity: count)
        defer { slots.deallocate() }
        slots.initialize(repeating: 0, count: count)
        fill(slots)
        return Array(UnsafeBufferPointer(start: slots, count: count))
    }

    @Test func everyChunkRunsExactlyOnceWithAValidWorkerIndex() {
        for chunks in [1, 2, 3, 17, 1000] {
            let runs = counts(chunks + workerCount) { slots in
                parallelChunks(chunks) { chunk, worker in
                    slots[chunk] += 1
                    slots[chunks + worker] = (0..<workerCount).contains(worker) ? 1 : -1
                }
            }
            #expect(runs[..<chunks].allSatisfy { $0 == 1 }, "\(chunks) chunks")
            #expect(runs[chunks...].allSatisfy { $0 >= 0 }, "worker index out of range")
        }
    }

    @Test func bothHalvesRunOnceEvenWithManyConcurrentCallers() async {
        // Callers on several threads at once: one gets the helper thread, the others run alone.
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<200).allSatisfy { _ in
                        counts(2) { slots in parallelFor(2) { slots[$0] += 1 } } == [1, 1]
                    }
                }
            }
            for await ok in group { #expect(ok) }
        }
    }
}
