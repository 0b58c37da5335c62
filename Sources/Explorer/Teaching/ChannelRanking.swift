import Engine

/// Channels ordered by how strongly they fire, for "next strongest channel".
enum ChannelRanking {
    /// Channel indices, strongest first by `criterion`; channels with non-finite values rank by
    /// their finite ones, channels with no finite value last; ties keep channel order.
    static func order(_ channels: [ActivationStats], by criterion: RankCriterion) -> [Int] {
        func key(_ stats: ActivationStats) -> Double {
            let value = criterion == .mean ? stats.mean : stats.max
            return value.isFinite ? value : -.infinity
        }
        let keys = channels.map(key)
        return channels.indices.sorted { keys[$0] > keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
    }
}
