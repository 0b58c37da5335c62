/// How a network's dropout layers run when it predicts.
public enum DropoutMode: String, CaseIterable, Sendable {
    /// The identity, as frameworks run dropout at inference (TensorFlow's `training=False`,
    /// PyTorch's `eval()`).
    case inference
    /// As the seed's graph runs it: it calls `tf.nn.dropout(x, 0.5)` unconditionally, so half of
    /// fc6's and fc7's outputs are dropped even when it predicts and the kept ones are doubled.
    /// The mask is a pure function of a seed, so one seed gives one mask.
    case original

    /// The other mode, for a key that switches between them.
    public var other: DropoutMode { self == .inference ? .original : .inference }
}

extension Network {
    /// The same layers (weights shared, nothing copied), with every dropout layer run as `mode`
    /// says. In `.original` mode each dropout layer's mask is seeded by `seed` and the layer's
    /// position, so two dropout layers never share a mask and one seed always gives the same ones.
    public func withDropout(_ mode: DropoutMode, seed: UInt64) throws -> Network {
        var sources: [String: String] = [:]
        for node in nodes {
            if let source = node.source { sources[node.layer.name] = nodes[source].layer.name }
        }
        let layers: [any Layer] = nodes.enumerated().map { index, node in
            guard let dropout = node.layer as? Dropout else { return node.layer }
            return Dropout(name: dropout.name, rate: dropout.rate, training: mode == .original,
                           seed: Self.dropoutMaskSeed(seed, layer: index))
        }
        return try Network(name: name, inputShape: inputShape, layers: layers, sources: sources, labels: labels)
    }

    /// The mask seed of the dropout layer at `index` under the run's `seed`.
    static func dropoutMaskSeed(_ seed: UInt64, layer index: Int) -> UInt64 {
        splitMix64(seed &+ UInt64(index))
    }

    /// How the network's dropout layers run: `.original` when any of them drops.
    public var dropoutMode: DropoutMode {
        nodes.contains { ($0.layer as? Dropout)?.training == true } ? .original : .inference
    }
}
