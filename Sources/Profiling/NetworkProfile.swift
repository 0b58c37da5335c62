import Engine

/// Costs and timings of every layer of a network, with each layer's share of the total time.
///
/// A layer's time is the median of its samples; the total time is the sum of those medians, so
/// the shares of the timed layers add up to 1.
public struct NetworkProfile: Sendable {
    public struct Entry: Sendable {
        public let index: Int
        public let name: String
        public let kind: LayerKind
        public let cost: LayerCost
        /// Nil for a layer not timed yet.
        public let timing: TimingSummary?
        /// The median time as a fraction of `Totals.seconds`; nil when not timed.
        public let share: Double?

        public var gigaflopsPerSecond: Double? { timing.flatMap { cost.gigaflopsPerSecond(seconds: $0.median) } }
        public var gigabytesPerSecond: Double? { timing.flatMap { cost.gigabytesPerSecond(seconds: $0.median) } }
    }

    public struct Totals: Equatable, Sendable {
        public let multiplyAdds: Int
        public let flops: Int
        public let parameters: Int
        public let weightBytes: Int
        public let activationBytes: Int
        /// Sum of the timed layers' median times.
        public let seconds: Double
        public let timedLayers: Int
        /// Whole-network runs (sum over layers of one run's samples), when every layer was timed.
        public let runs: TimingSummary?
    }

    public let entries: [Entry]
    public let totals: Totals

    public init(network: Network, profiler: LayerProfiler) {
        let costs = network.nodes.map(LayerCost.init(node:))
        let timings = network.nodes.indices.map { profiler.summary(for: $0) }
        let seconds = timings.reduce(0.0) { $0 + ($1?.median ?? 0) }
        entries = network.nodes.indices.map { index in
            let timing = timings[index]
            return Entry(index: index, name: network.nodes[index].layer.name,
                         kind: network.nodes[index].layer.kind, cost: costs[index], timing: timing,
                         share: timing.map { seconds > 0 ? $0.median / seconds : 0 })
        }
        totals = Totals(
            multiplyAdds: costs.reduce(0) { $0 + $1.multiplyAdds },
            flops: costs.reduce(0) { $0 + $1.flops },
            parameters: costs.reduce(0) { $0 + $1.parameters },
            weightBytes: costs.reduce(0) { $0 + $1.weightBytes },
            activationBytes: costs.reduce(0) { $0 + $1.activationBytes },
            seconds: seconds,
            timedLayers: timings.compactMap { $0 }.count,
            runs: TimingSummary(samples: profiler.runTotals(layerCount: network.nodes.count)))
    }
}
