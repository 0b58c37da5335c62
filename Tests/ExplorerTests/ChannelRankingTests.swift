import Engine
import Testing
@testable import Explorer

@Suite struct ChannelRankingTests {
    static func stats(mean: Double, max: Double) -> ActivationStats {
        ActivationStats(count: 4, min: 0, max: max, mean: mean, std: 0, zeros: 0, nonFinite: 0)
    }

    /// Means 0.5, 2, 0.5, nan, 1 (maxes 9, 3, 1, 4, 2): by mean 1, 4, 0, 2 (tie kept in channel
    /// order), then the NaN channel; by max 0, 3, 1, 4, 2.
    @Test func ranksByMeanOrMaxStrongestFirst() {
        let channels = [Self.stats(mean: 0.5, max: 9), Self.stats(mean: 2, max: 3), Self.stats(mean: 0.5, max: 1),
                        Self.stats(mean: .nan, max: 4), Self.stats(mean: 1, max: 2)]
        #expect(ChannelRanking.order(channels, by: .mean) == [1, 4, 0, 2, 3])
        #expect(ChannelRanking.order(channels, by: .max) == [0, 3, 1, 4, 2])
    }

    /// On the test network's conv1 (channel 3 constant 0.5, channel 2 holds NaN and inf): `n`
    /// goes to the strongest first, then walks down; `m` switches to max and starts again.
    @Test func nextStrongestWalksTheRanking() throws {
        let app = try TestNetwork.app()
        let statistics = try #require(app.worker.published.statistics[0])
        let byMean = ChannelRanking.order(statistics.channels, by: .mean)
        app.press(.character("n"))
        #expect(app.state.channel == byMean[0])
        app.press(.character("n"))
        #expect(app.state.channel == byMean[1])
        #expect(app.situation.channelRank(app.state)?.rank == 1)
        app.press(.character("m"), .character("n"))
        #expect(app.state.channel == ChannelRanking.order(statistics.channels, by: .max)[0])
    }
}
