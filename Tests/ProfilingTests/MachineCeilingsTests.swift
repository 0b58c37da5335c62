import Engine
import Foundation
import Testing
@testable import Profiling

@Suite struct MachineCeilingsTests {
    /// 33 MiB of floats (132 MiB): more than the 128 MiB read. Its pages are never written (they
    /// read as zeros), so it takes no memory in the test.
    private static func largeWeights() -> Tensor { HugePageBuffer.tensor(Shape(33 << 20)) }

    /// What the method says of the eviction before each sum, on CPUs that can evict.
    private static let evicted = CalibrationLoops.canEvictFromCaches ? ", each evicted from the caches first" : ""

    @Test func weightsOf128MiBOrMoreAreReadInPlaceWithoutAnotherBuffer() {
        let weights = Self.largeWeights()
        let memory = ReadMemory(resident: (layer: "fc6", weights: weights))
        #expect(memory.start == UnsafePointer(weights.data), "the weights' own memory, not a copy")
        #expect(memory.tensor === weights)
        #expect(memory.description == "128 MiB of fc6's weights")
        let exactly = HugePageBuffer.tensor(Shape(32 << 20))
        #expect(ReadMemory(resident: (layer: "w6", weights: exactly)).start == UnsafePointer(exactly.data))
    }

    /// One float short of 128 MiB, or no weights at all: a buffer of its own, filled with ones
    /// (32 chunks of 2^20 ones sum to 2^25 exactly in float32).
    @Test func smallerWeightsOrNoneAreNotReadButABufferOf128MiB() {
        let small = HugePageBuffer.tensor(Shape((32 << 20) - 1))
        for resident in [(layer: "fc6", weights: small), nil] {
            let memory = ReadMemory(resident: resident)
            #expect(memory.start != UnsafePointer(small.data))
            #expect(memory.description == "a 128 MiB buffer")
            #expect(CalibrationLoops.readSum(memory.start, floats: 32 << 20) == Float(1 << 25))
        }
    }

    /// Each timed run takes 1 ms on a clock that ticks 1 ms a read: the rates are the bytes and
    /// FLOPs of one run per millisecond, and the method names what was read.
    @Test func measureCountsAndNamesTheMemoryItRead() {
        let ceilings = MachineCeilings.measure(reading: (layer: "fc6", weights: Self.largeWeights()),
                                               clock: TickingClock(step: 1_000_000))
        let threads = KernelThreads.limit
        #expect(ceilings.readBytesPerSecond == Double(128 << 20) / 1e-3)
        #expect(ceilings.peakFlopsPerSecond == Double(4 * threads * CalibrationLoops.flopsPerChunk()) / 1e-3)
        #expect(ceilings.method.contains("and of 5 sums of 128 MiB of fc6's weights\(Self.evicted), on \(threads) thread"),
                "\(ceilings.method)")
    }

    @Test func measureWithoutWeightsNamesItsOwnBuffer() {
        let ceilings = MachineCeilings.measure(clock: TickingClock(step: 1_000_000))
        #expect(ceilings.readBytesPerSecond == Double(128 << 20) / 1e-3)
        #expect(ceilings.method.contains("and of 5 sums of a 128 MiB buffer\(Self.evicted), on "), "\(ceilings.method)")
    }

    /// UTC to the minute, seconds dropped (times from Python's `calendar.timegm`).
    @Test func measuredAtIsWrittenInUTCToTheMinute() {
        func text(_ seconds: Double) -> String {
            MachineCeilings(peakFlopsPerSecond: 1, readBytesPerSecond: 1, method: "",
                            measuredAt: Date(timeIntervalSince1970: seconds)).measuredAtText
        }
        #expect(text(1_709_251_199.9) == "2024-02-29 23:59 UTC")
        #expect(text(1_709_251_200) == "2024-03-01 00:00 UTC")
        #expect(text(1_796_310_600) == "2026-12-03 15:10 UTC")
    }
}
