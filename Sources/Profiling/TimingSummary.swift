/// Minimum, median and maximum of a layer's timed runs, in seconds.
public struct TimingSummary: Equatable, Sendable {
    public let min: Double
    /// The middle sample; the mean of the two middle samples for an even count.
    public let median: Double
    public let max: Double
    public let count: Int

    public init(min: Double, median: Double, max: Double, count: Int) {
        self.min = min
        self.median = median
        self.max = max
        self.count = count
    }

    /// The summary of `samples`, or nil when there are none.
    public init?(samples: [Double]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        self.init(min: sorted[0], median: median, max: sorted[sorted.count - 1], count: sorted.count)
    }
}
