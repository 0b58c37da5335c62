import Engine

/// What the screen shows of a layer (name, kind, summary, output shape, cost) without its
/// weights. While `G` redraws the weights the network is replaced by its outline, so the old
/// weights are released before the new ones are drawn and the layer list stays on screen.
final class LayerOutline: Layer {
    let name: String
    let kind: LayerKind
    let summary: String
    let parameterCount: Int
    private let output: Shape
    private let cost: Int

    init(of node: Network.Node) {
        name = node.layer.name
        kind = node.layer.kind
        summary = node.layer.summary
        parameterCount = node.layer.parameterCount
        output = node.outputShape
        cost = node.layer.multiplyAdds(for: node.inputShape)
    }

    func outputShape(for input: Shape) throws -> Shape { output }

    func multiplyAdds(for input: Shape) -> Int { cost }

    /// Leaves the output as it is: an outline has nothing to compute with, and the explorer asks
    /// for no layer while it shows one.
    func forward(_ input: Tensor, into output: Tensor, workspace: Workspace) {}
}

extension Network {
    /// The same layers, sources and labels as outlines, holding no weights.
    func outline() throws -> Network {
        var sources: [String: String] = [:]
        for node in nodes {
            if let source = node.source { sources[node.layer.name] = nodes[source].layer.name }
        }
        return try Network(name: name, inputShape: inputShape, layers: nodes.map { LayerOutline(of: $0) },
                           sources: sources, labels: labels)
    }
}
