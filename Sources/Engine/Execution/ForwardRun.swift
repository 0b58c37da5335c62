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

    public convenience init(network: Network, input: Tensor) {
        let scratch = network.nodes.map { $0.layer.workspaceFloats(for: $0.inputShape) }.max() ?? 0
        self.init(network: network, input: input, workspace: Workspace(capacity: scratch))
    }

    /// A second run of `other`'s network (the same weights) on another input, sharing `other`'s
    /// scratch workspace: only its own outputs are allocated. The two must never step at the same
    /// time (step them from one thread, as `ComparisonRun` does).
    public convenience init(sharingWorkspaceOf other: ForwardRun, input: Tensor) {
        self.init(network: other.network, input: input, workspace: other.workspace)
    }

    private init(network: Network, input: Tensor, workspace: Workspace) {
        precondition(input.shape == network.inputShape,
                     "input \(input.shape) for a network expecting \(network.inputShape)")
        self.network = network
        self.input = input
        self.outputs = network.nodes.map { Tensor(zeros: $0.outputShape) }
        self.workspace = workspace
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

    /// Marks every layer not computed, for a new input written into `input` in place; the
    /// buffers stay and are overwritten as layers are computed again.
    public func restart() {
        computedCount = 0
    }

    /// Recomputes every layer from the start (used for timing repeats); outputs are overwritten.
    public func rerun() {
        computedCount = 0
        runToEnd()
    }

    /// Computes layer `index` (already computed) again from its input into `output`, a buffer of
    /// its output shape, leaving `outputs` as they are: for timing repeats while the outputs are
    /// on display. `observer` (not the run's) is told around it. Uses the run's workspace, so like
    /// `step()` it must not overlap another call on this run.
    public func recompute(_ index: Int, into output: Tensor, observer: LayerObserver?) {
        precondition(index < computedCount, "recompute of layer \(index), not computed yet")
        let node = network.nodes[index]
        precondition(output.shape == node.outputShape, "recompute into \(output.shape), not \(node.outputShape)")
        let source = node.source.map { outputs[$0] } ?? input
        node.layer.waitForParameters()
        observer?.layerWillRun(index, in: network)
        node.layer.forward(source, into: output, workspace: workspace)
        observer?.layerDidRun(index, in: network)
    }

    /// The final layer's output (logits), once the run is complete.
    public var logits: Tensor? { isComplete ? outputs.last : nil }

    private func run(_ index: Int) {
        let node = network.nodes[index]
        let source = node.source.map { outputs[$0] } ?? input
        node.layer.waitForParameters()
        observer?.layerWillRun(index, in: network)
        node.layer.forward(source, into: outputs[index], workspace: workspace)
        observer?.layerDidRun(index, in: network)
    }
}
