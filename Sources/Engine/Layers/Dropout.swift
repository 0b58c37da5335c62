/// Dropout: the identity at inference; with `training`, a seeded mask zeroes each element with
/// probability `rate` and scales the kept ones by 1 / (1 - rate).
public final class Dropout: Layer {
    public let name: String
    public let rate: Float
    public let training: Bool
    public let seed: UInt64

    public var kind: LayerKind { .dropout }

    public init(name: String, rate: Float, training: Bool = false, seed: UInt64 = 0) {
        self.name = name
        self.rate = min(max(rate, 0), 1)
        self.training = training
        self.seed = seed
    }

    /// `dropout 0.5 (inference: identity)`, `dropout 0.5 (dropping: a seeded mask)`
    public var summary: String {
        "dropout \(compact(rate))" + (training ? " (dropping: a seeded mask)" : " (inference: identity)")
    }

    public func outputShape(for input: Shape) throws -> Shape { input }

    public func multiplyAdds(for input: Shape) -> Int { input.count }

    public func forward(_ input: Tensor, into output: Tensor, workspace: Workspace) {
        if training {
            dropout(input.data, count: input.count, rate: rate, seed: seed, into: output.data)
        } else {
            output.data.update(from: input.data, count: input.count)
        }
    }
}
