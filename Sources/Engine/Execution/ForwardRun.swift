/// Told before and after each layer runs; the profiling module times layers through this, so
/// the engine itself holds no timing code.
public protocol LayerObserver: AnyObject {
    func layerWillRun(_ index: Int, in network: Network)
    func layerDidRun(_ index: Int, in network: Network)
}

/// One forward pass of a network on one input, computed a layer at a time.
///
/// Every layer's output buffer and the shared workspace are allocated when the run is created,
/// so stepping and re-running allocate nothing. Outputs stay available for display.
// Unchecked: one thread steps a run at a time (the caller, or the explorer's worker); others
// read only the outputs of layers the stepping thread has reported done, through its lock.
public final class ForwardRun: @unchecked Sendable {
    public let network: Network
    /// `network.inputShape`.
    public let input: Tensor
    /// One buffer per layer, `network.nodes[i].outputShape`.
    public let outputs: [Tensor]
    /// Layers `0..<computedCount` hold valid outputs.
    public private(set) var computedCount = 0
    public weak var observer: LayerObserver?
    private let workspace: Workspace

    public init(network: Network, input: Tensor) {
        precondition(input.shape == network.inputShape,
                     "input \(input.shape) for a network expecting \(network.inputShape)")
        self.network = network
        self.input = input
        self.outputs = network.nodes.map { Tensor(zeros: $0.outputShape) }
        let scratch = network.nodes.map { $0.layer.workspaceFloats(for: $0.inputShape) }.max() ?? 0
        self.workspace = Workspace(capacity: scratch)
    }

    public var isComplete: Bool { computedCount == network.nodes.count }

    /// Computes the next layer; returns its index, or nil when the run is complete.
    @discardableResult
    public func step() -> Int? {
        guard !isComplete else { return nil }
        let index = computedCount
        run(index)
        computedCount += 1
        return index
    }

    /// Computes every layer up to and including `index`.
    public func compute(through index: Int) {
        while computedCount <= index, step() != nil {}
    }

    public func runToEnd() {
        while step() != nil {}
    }

    /// Recomputes every layer from the start (used for timing repeats); outputs are overwritten.
    public func rerun() {
        computedCount = 0
        runToEnd()
    }

    /// The final layer's output (logits), once the run is complete.
    public var logits: Tensor? { isComplete ? outputs.last : nil }

    private func run(_ index: Int) {
        let node = network.nodes[index]
        let source = node.source.map { outputs[$0] } ?? input
        observer?.layerWillRun(index, in: network)
        node.layer.forward(source, into: outputs[index], workspace: workspace)
        observer?.layerDidRun(index, in: network)
    }
}
