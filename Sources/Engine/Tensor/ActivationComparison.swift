/// How alike two activations of the same shape are, as one pair of numbers per layer: the cosine
/// similarity and the relative L2 distance, accumulated in double precision.
public struct ActivationComparison: Equatable, Sendable {
    /// A·B / (‖A‖ ‖B‖), in [-1, 1]: 1 when B is A scaled by a positive factor. 1 when both are all
    /// zeros (they are equal), 0 when only one is. NaN when either holds a non-finite value.
    public let cosineSimilarity: Double
    /// ‖A − B‖ / ‖A‖: how far B moved, as a fraction of the first input's activation. 0 when both
    /// are all zeros, +infinity when only A is. NaN when either holds a non-finite value.
    public let relativeDistance: Double

    public init(cosineSimilarity: Double, relativeDistance: Double) {
        self.cosineSimilarity = cosineSimilarity
        self.relativeDistance = relativeDistance
    }

    /// Compares `a` (the first input's activation) with `b` (the second's), which must have the
    /// same shape.
    public init(_ a: Tensor, _ b: Tensor) {
        precondition(a.shape == b.shape, "comparing \(a.shape) with \(b.shape)")
        var dot = 0.0, normA = 0.0, normB = 0.0, difference = 0.0
        let x = a.data, y = b.data
        for index in 0..<a.count {
            let u = Double(x[index]), v = Double(y[index])
            dot += u * v
            normA += u * u
            normB += v * v
            difference += (u - v) * (u - v)
        }
        guard dot.isFinite, normA.isFinite, normB.isFinite, difference.isFinite else {
            self.init(cosineSimilarity: .nan, relativeDistance: .nan)
            return
        }
        let similarity: Double = switch (normA > 0, normB > 0) {
        // One square root of the product: sqrt(fl(n * n)) is n exactly, so equal activations give
        // exactly 1 (two roots multiplied can round below it). No overflow: each norm is < 1e84.
        case (true, true): min(max(dot / (normA * normB).squareRoot(), -1), 1)
        case (false, false): 1
        default: 0
        }
        let distance = normA > 0 ? (difference / normA).squareRoot() : (difference > 0 ? .infinity : 0)
        self.init(cosineSimilarity: similarity, relativeDistance: distance)
    }

    /// Layer by layer, of every layer both runs have computed.
    public static func layers(of a: ForwardRun, _ b: ForwardRun) -> [ActivationComparison] {
        (0..<min(a.computedCount, b.computedCount)).map { ActivationComparison(a.outputs[$0], b.outputs[$0]) }
    }
}
