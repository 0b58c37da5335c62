import Engine

/// What a lesson may name in the model it runs on: each layer's name, kind and output shape.
public struct LessonModel: Sendable {
    public struct Layer: Sendable {
        public let name: String
        public let kind: LayerKind
        public let shape: Shape
        /// Conv and dense layers with an activation that changes values.
        public let hasActivation: Bool
        /// The network's last layer, whose outputs are the classes.
        public let isClassifier: Bool
    }

    /// `seed`, `alexnet`: what a step's `model:` line names.
    public let name: String
    public let layers: [Layer]

    public init(_ network: Network) {
        name = network.name
        layers = network.nodes.enumerated().map { index, node in
            let activation = PreActivation.activation(of: node.layer)
            return Layer(name: node.layer.name, kind: node.layer.kind, shape: node.outputShape,
                         hasActivation: activation != nil && activation != .identity,
                         isClassifier: index == network.nodes.count - 1)
        }
    }

    public func layer(named name: String) -> Layer? { layers.first { $0.name == name } }
}
