import Profiling
import Testing

@Suite struct TimingSummaryTests {
    @Test func oddCountTakesTheMiddleSample() throws {
        let summary = try #require(TimingSummary(samples: [0.5, 0.1, 0.3, 0.9, 0.2]))
        #expect(summary == TimingSummary(min: 0.1, median: 0.3, max: 0.9, count: 5))
    }

    @Test func evenCountAveragesTheTwoMiddleSamples() throws {
        let summary = try #require(TimingSummary(samples: [4, 1, 3, 2]))
        #expect(summary == TimingSummary(min: 1, median: 2.5, max: 4, count: 4))
    }

    @Test func oneSampleIsItsOwnMinimumMedianAndMaximum() throws {
        let summary = try #require(TimingSummary(samples: [0.25]))
        #expect(summary == TimingSummary(min: 0.25, median: 0.25, max: 0.25, count: 1))
    }

    @Test func noSamplesHaveNoSummary() {
        #expect(TimingSummary(samples: []) == nil)
    }
}
