import Engine
import Profiling
import Testing

@Suite struct LayerProfilerTests {
    /// Two layers whose runs take 1, 3, 2, 7, 5 ms and 10, 10, 40, 20, 30 µs on the fake clock.
    private func scriptedRun(clock: FakeClock) throws -> ForwardRun {
        try makeRun([
            ScriptedLayer(name: "a", output: Shape(4), clock: clock,
                          durations: [1_000_000, 3_000_000, 2_000_000, 7_000_000, 5_000_000]),
            ScriptedLayer(name: "b", output: Shape(2), clock: clock,
                          durations: [10_000, 10_000, 40_000, 20_000, 30_000]),
        ])
    }

    @Test func warmUpRunsAreNotTimed() throws {
        let clock = FakeClock()
        let run = try scriptedRun(clock: clock)
        let profiler = LayerProfiler(clock: clock)
        profile(run, warmup: 2, repeats: 3, profiler: profiler)
        // Runs 0 and 1 were warm-ups; runs 2, 3, 4 were timed.
        #expect(profiler.samples(for: 0) == [0.002, 0.007, 0.005])
        #expect(profiler.samples(for: 1) == [0.00004, 0.00002, 0.00003])
        #expect(run.isComplete)
    }

    @Test func summaryGivesMinimumMedianAndMaximumOfTimedRuns() throws {
        let clock = FakeClock()
        let run = try scriptedRun(clock: clock)
        let profiler = LayerProfiler(clock: clock)
        profile(run, warmup: 0, repeats: 5, profiler: profiler)
        #expect(profiler.summary(for: 0) == TimingSummary(min: 0.001, median: 0.003, max: 0.007, count: 5))
        #expect(profiler.summary(for: 1) == TimingSummary(min: 0.00001, median: 0.00002, max: 0.00004, count: 5))
        #expect(profiler.latest(for: 0) == 0.005)
    }

    @Test func runTotalsAddEachRunsLayerTimes() throws {
        let clock = FakeClock()
        let run = try scriptedRun(clock: clock)
        let profiler = LayerProfiler(clock: clock)
        profile(run, warmup: 1, repeats: 2, profiler: profiler)
        #expect(profiler.runTotals(layerCount: 2) == [0.00301, 0.00204])
    }

    @Test func steppingRecordsOneSamplePerComputedLayer() throws {
        let clock = FakeClock()
        let run = try scriptedRun(clock: clock)
        let profiler = LayerProfiler(clock: clock)
        run.observer = profiler
        run.step()
        #expect(profiler.samples(for: 0) == [0.001])
        #expect(profiler.summary(for: 1) == nil)
        #expect(profiler.runTotals(layerCount: 2) == [])
    }

    @Test func resetForgetsSamples() throws {
        let clock = FakeClock()
        let run = try scriptedRun(clock: clock)
        let profiler = LayerProfiler(clock: clock)
        profile(run, warmup: 0, repeats: 2, profiler: profiler)
        profiler.reset()
        #expect(profiler.samples(for: 0).isEmpty)
        #expect(profiler.summary(for: 0) == nil)
    }

    @Test func profilingRestoresTheRunsObserver() throws {
        let clock = FakeClock()
        let run = try scriptedRun(clock: clock)
        let stepping = LayerProfiler(clock: clock)
        run.observer = stepping
        profile(run, warmup: 1, repeats: 1, profiler: LayerProfiler(clock: clock))
        #expect(run.observer === stepping)
        #expect(stepping.samples(for: 0).isEmpty, "the other profiler timed the runs")
    }

    @Test func systemClockNeverGoesBackwards() {
        let clock = SystemClock()
        var previous = clock.nanoseconds()
        for _ in 0..<1000 {
            let now = clock.nanoseconds()
            #expect(now >= previous)
            previous = now
        }
    }
}
