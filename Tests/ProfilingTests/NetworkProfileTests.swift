import Engine
import Profiling
import Testing

@Suite struct NetworkProfileTests {
    /// Relative tolerance for shares, which are ratios of sums of binary fractions of 1e-3.
    private let tolerance = 1e-12

    private func profiled(repeats: Int) throws -> (ForwardRun, LayerProfiler) {
        let clock = FakeClock()
        let ms: UInt64 = 1_000_000
        let run = try makeRun([
            ScriptedLayer(name: "l1", output: Shape(2), multiplyAdds: 10, parameters: 3, clock: clock,
                          durations: [1 * ms, 9 * ms, 1 * ms]),
            ScriptedLayer(name: "l2", output: Shape(2), multiplyAdds: 20, parameters: 5, clock: clock,
                          durations: [2 * ms]),
            ScriptedLayer(name: "l3", output: Shape(2), multiplyAdds: 30, clock: clock,
                          durations: [3 * ms, 3 * ms, 1 * ms]),
            ScriptedLayer(name: "l4", output: Shape(2), clock: clock, durations: [4 * ms]),
        ])
        let profiler = LayerProfiler(clock: clock)
        profile(run, warmup: 0, repeats: repeats, profiler: profiler)
        return (run, profiler)
    }

    @Test func sharesAreMediansOverTheirSum() throws {
        // Medians 1, 2, 3, 4 ms (l1's 9 ms outlier and l3's 1 ms are not medians).
        let (run, profiler) = try profiled(repeats: 3)
        let profile = NetworkProfile(network: run.network, profiler: profiler)
        let shares = profile.entries.map { $0.share ?? -1 }
        for (share, expected) in zip(shares, [0.1, 0.2, 0.3, 0.4]) {
            #expect(abs(share - expected) <= tolerance * expected)
        }
        #expect(abs(profile.totals.seconds - 0.010) <= tolerance * 0.010)
        #expect(profile.totals.timedLayers == 4)
    }

    @Test func totalsAddTheLayersCosts() throws {
        let (run, profiler) = try profiled(repeats: 1)
        let totals = NetworkProfile(network: run.network, profiler: profiler).totals
        #expect(totals.multiplyAdds == 60)
        #expect(totals.flops == 120)
        #expect(totals.parameters == 8)
        #expect(totals.weightBytes == 32)
        // Inputs 4+2+2+2 floats and outputs 2+2+2+2 floats.
        #expect(totals.activationBytes == 72)
    }

    @Test func wholeRunTimesSumEachRun() throws {
        // Runs: 1+2+3+4 = 10, 9+2+3+4 = 18, 1+2+1+4 = 8 ms.
        let (run, profiler) = try profiled(repeats: 3)
        let runs = try #require(NetworkProfile(network: run.network, profiler: profiler).totals.runs)
        #expect(runs == TimingSummary(min: 0.008, median: 0.010, max: 0.018, count: 3))
    }

    @Test func throughputUsesTheMedian() throws {
        let (run, profiler) = try profiled(repeats: 3)
        let entry = NetworkProfile(network: run.network, profiler: profiler).entries[2]
        // 60 FLOPs in 3 ms; traffic: 2 floats in (l2's output) + 2 out = 16 bytes, no weights.
        let gflops = try #require(entry.gigaflopsPerSecond)
        let gbps = try #require(entry.gigabytesPerSecond)
        #expect(abs(gflops - 60 / 0.003 / 1e9) <= tolerance * gflops)
        #expect(abs(gbps - 16 / 0.003 / 1e9) <= tolerance * gbps)
    }

    @Test func layersNotYetTimedHaveNoShare() throws {
        let clock = FakeClock()
        let run = try makeRun([
            ScriptedLayer(name: "a", output: Shape(2), clock: clock, durations: [5]),
            ScriptedLayer(name: "b", output: Shape(2), clock: clock, durations: [5]),
        ])
        let profiler = LayerProfiler(clock: clock)
        run.observer = profiler
        run.step()
        let profile = NetworkProfile(network: run.network, profiler: profiler)
        #expect(profile.entries[0].share == 1)
        #expect(profile.entries[1].share == nil)
        #expect(profile.totals.runs == nil)
    }
}
