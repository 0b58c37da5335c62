import Foundation
import Profiling
import Testing

/// Roofline placement on hand-worked numbers: roofs of 100 GFLOP/s and 10 GB/s meet at 10 FLOPs
/// per byte.
@Suite struct RooflineTests {
    private let ceilings = MachineCeilings(peakFlopsPerSecond: 100e9, readBytesPerSecond: 10e9,
                                           method: "fixed", measuredAt: Date(timeIntervalSince1970: 0))
    /// Relative tolerance: a few float64 roundings.
    private let tolerance = 1e-12

    private func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * abs(b)
    }

    @Test func ridgeIsPeakOverBandwidth() {
        #expect(ceilings.ridgeIntensity == 10)
        #expect(ceilings.bound(intensity: 9.99) == .memory)
        #expect(ceilings.bound(intensity: 10) == .compute)
        #expect(ceilings.attainableFlopsPerSecond(intensity: 2) == 20e9)
        #expect(ceilings.attainableFlopsPerSecond(intensity: 50) == 100e9)
    }

    @Test func memoryBoundShareIsTheBandwidthShare() throws {
        // 1000 multiply-adds = 2000 FLOPs over 200 B of weights + 800 B of activations: 2 FLOP/B.
        let cost = LayerCost(multiplyAdds: 1000, parameters: 50, activationBytes: 800)
        #expect(cost.trafficBytes == 1000)
        #expect(cost.intensity == 2)
        // 250 ns: 8 GFLOP/s attained under a roof of 2 × 10 GB/s = 20 GFLOP/s; equally 4 GB/s of 10.
        let point = try #require(RooflinePoint(cost: cost, seconds: 250e-9, ceilings: ceilings))
        #expect(point.bound == .memory)
        #expect(close(point.attainedFlopsPerSecond, 8e9))
        #expect(close(point.share, 0.4))
        #expect(point.description == "memory-bound, 40% of read bandwidth")
    }

    @Test func computeBoundShareIsThePeakShare() throws {
        // 2 MFLOPs over 10 kB: 200 FLOP/B; 40 µs is 50 GFLOP/s, half the peak.
        let cost = LayerCost(multiplyAdds: 1_000_000, parameters: 500, activationBytes: 8000)
        let point = try #require(RooflinePoint(cost: cost, seconds: 40e-6, ceilings: ceilings))
        #expect(point.intensity == 200)
        #expect(point.bound == .compute)
        #expect(close(point.share, 0.5))
        #expect(point.description == "compute-bound, 50% of FMA peak")
    }

    @Test func winogradCountsTheMultiplyAddsItDoes() throws {
        // Direct: 900 multiply-adds over 100 B would be 18 FLOP/B (compute-bound); the method
        // does 400, 8 FLOP/B: memory-bound.
        let cost = LayerCost(multiplyAdds: 900, performedMultiplyAdds: 400, parameters: 0, activationBytes: 100)
        #expect(cost.flops == 1800)
        #expect(cost.performedFlops == 800)
        #expect(cost.intensity == 8)
        // 100 B in 20 ns is 5 GB/s: half the bandwidth.
        let point = try #require(RooflinePoint(cost: cost, seconds: 20e-9, ceilings: ceilings))
        #expect(point.bound == .memory)
        #expect(close(point.share, 0.5))
    }

    /// 1000 B at 10 GB/s take 100 ns: in 30 µs the share is 1/300, 0.33%, which would round to
    /// a 0% that reads as "nothing".
    @Test func aShareUnderHalfAPercentIsLessThanOnePercent() throws {
        let cost = LayerCost(multiplyAdds: 1000, parameters: 50, activationBytes: 800)
        let tiny = try #require(RooflinePoint(cost: cost, seconds: 30e-6, ceilings: ceilings))
        #expect(tiny.percent == "<1%")
        #expect(tiny.description == "memory-bound, <1% of read bandwidth")
        let small = try #require(RooflinePoint(cost: cost, seconds: 10e-6, ceilings: ceilings))
        #expect(small.percent == "1%")
    }

    /// Past its roof a layer says why: a memory-bound one's bytes were in the caches (1000 B in
    /// 50 ns: 20 GB/s of 10), a compute-bound one beat the peak measured (2 MFLOPs in 10 µs).
    @Test func aShareAboveTheRoofSaysWhy() throws {
        let cached = try #require(RooflinePoint(cost: LayerCost(multiplyAdds: 1000, parameters: 50, activationBytes: 800),
                                                seconds: 50e-9, ceilings: ceilings))
        #expect(cached.description == "memory-bound, 200% of read bandwidth (its bytes were in the caches)")
        let fast = try #require(RooflinePoint(cost: LayerCost(multiplyAdds: 1_000_000, parameters: 500, activationBytes: 8000),
                                              seconds: 10e-6, ceilings: ceilings))
        #expect(fast.description == "compute-bound, 200% of FMA peak (above the peak measured)")
    }

    @Test func noPointWithoutBytesFLOPsOrTime() {
        let moved = LayerCost(multiplyAdds: 10, parameters: 0, activationBytes: 40)
        #expect(RooflinePoint(cost: LayerCost(multiplyAdds: 10, parameters: 0, activationBytes: 0),
                              seconds: 1, ceilings: ceilings) == nil)
        #expect(RooflinePoint(cost: LayerCost(multiplyAdds: 0, parameters: 0, activationBytes: 40),
                              seconds: 1, ceilings: ceilings) == nil)
        #expect(RooflinePoint(cost: moved, seconds: 0, ceilings: ceilings) == nil)
        #expect(RooflinePoint(cost: moved, seconds: 1, ceilings: ceilings) != nil)
    }
}
