/// A feed-forward network as a list of layers, each reading the network input or an earlier
/// layer's output.
///
/// Almost every layer reads its predecessor; the `seed` preset's pool5 reads conv4, which leaves
/// conv5 computed but unused, as in the original.
public struct Network: Sendable {
    public struct Node: Sendable {
        public let layer: any Layer
        /// Index of the node whose output this layer reads; `nil` for the network input.
        public let source: Int?
        public let inputShape: Shape
        public let outputShape: Shape
    }

    public let name: String
    /// `[224, 224, 3]` for both presets.
    public let inputShape: Shape
    public let nodes: [Node]
    /// Class names for the last layer's outputs.
    public let labels: [String]

    /// Builds the nodes in order; `sources[i]` names the layer that feeds layer `i`
    /// (`nil`: the previous layer, or the input for the first).
    public init(name: String, inputShape: Shape, layers: [any Layer],
                sources: [String: String] = [:], labels: [String]) throws {
        self.name = name
        self.inputShape = inputShape
        self.labels = labels
        var nodes: [Node] = []
        for layer in layers {
            let source: Int?
            if let sourceName = sources[layer.name] {
                guard let index = nodes.firstIndex(where: { $0.layer.name == sourceName }) else {
                    throw ShapeError(layer: layer.name, "source layer \(sourceName) is not defined before it")
                }
                source = index
            } else {
                source = nodes.isEmpty ? nil : nodes.count - 1
            }
            let input = source.map { nodes[$0].outputShape } ?? inputShape
            nodes.append(Node(layer: layer, source: source, inputShape: input,
                              outputShape: try layer.outputShape(for: input)))
        }
        self.nodes = nodes
    }

    /// Layers whose output feeds nothing, other than the last (e.g. `seed`'s conv5).
    public var unusedLayers: Set<Int> {
        let read = Set(nodes.compactMap(\.source))
        return Set(nodes.indices.dropLast().filter { !read.contains($0) })
    }

    public func index(of name: String) -> Int? {
        nodes.firstIndex { $0.layer.name == name }
    }

    /// Weight and bias floats across all layers.
    public var parameterCount: Int { nodes.reduce(0) { $0 + $1.layer.parameterCount } }

    /// Blocks until every layer's parameters hold their values (random dense weights are drawn
    /// in the background, and their memory is held until they are).
    public func waitForParameters() {
        for node in nodes { node.layer.waitForParameters() }
    }

    /// The largest weight matrix a pass reads as it is stored, and its layer's name: a dense
    /// layer's (fc6's in both presets: 308 MB in `seed`, 151 MB in `alexnet`), drawn into memory
    /// or mapped from a weights file; nil without a dense layer. (A convolution reads packed
    /// copies of its weights, all smaller.) Once the network has run, every page of it is
    /// resident: memory far larger than the caches that costs nothing more to read again. Waits
    /// for random weights still being drawn.
    public var largestDenseWeights: (layer: String, weights: Tensor)? {
        nodes.compactMap { $0.layer as? Dense }
            .max { $0.parameterCount < $1.parameterCount }
            .map { ($0.name, $0.weights) }
    }
}
