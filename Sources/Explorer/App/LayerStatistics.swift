import Engine

/// What the views need to know about one computed layer's output, worked out once on the engine
/// worker so drawing never scans a whole tensor.
struct LayerStatistics: Sendable {
    /// Over every value of the output.
    let overall: ActivationStats
    /// One per channel of a `[H, W, C]` output; empty for vectors.
    let channels: [ActivationStats]
    /// Indices of the largest finite values, largest first (vectors only; at most `rankedCount`).
    let ranked: [Int]
    /// Softmax of the output, when the layer is the classifier's logits.
    let probabilities: [Float]?

    static let rankedCount = 64

    init(output: Tensor, isLogits: Bool) {
        let values = UnsafeBufferPointer(output.buffer)
        overall = ActivationStats(values)
        if output.shape.isFeatureMap {
            let channelCount = output.shape[2]
            channels = (0..<channelCount).map { channel in
                ActivationStats(UnsafeBufferPointer(rebasing: values[channel...]), stride: channelCount)
            }
            ranked = []
        } else {
            channels = []
            ranked = Self.largest(values, count: Self.rankedCount)
        }
        probabilities = isLogits ? softmax(values) : nil
    }

    /// Indices of the `count` largest finite values, largest first (ties: lower index first).
    static func largest(_ values: UnsafeBufferPointer<Float>, count: Int) -> [Int] {
        values.indices.filter { values[$0].isFinite }
            .sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
            .prefix(count).map { $0 }
    }

    /// The layer is the classifier's and softmax gave no class a probability (every logit NaN or
    /// -infinity): the views say there is no prediction instead of ranking NaNs.
    var hasNoPrediction: Bool {
        probabilities.map { !$0.isEmpty && !$0.contains(where: \.isFinite) } ?? false
    }

    /// Indices of the `count` largest probabilities (finite ones only), largest first.
    func top(_ count: Int) -> [Int] {
        guard let probabilities else { return [] }
        return probabilities.withUnsafeBufferPointer { Self.largest($0, count: count) }
    }
}
