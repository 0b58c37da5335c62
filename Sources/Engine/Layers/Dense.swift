import KernelSupport

/// A fully connected layer, y = activation(W x + b), on a vector (or any tensor of `inputs`
/// elements, read in storage order).
///
/// `weights` is used in place in the layout it comes in (it may be a memory-mapped file): no
/// transposed copy is ever made. Random weights may still be being drawn when the layer is made
/// (`PendingTensor`); reading them, and `waitForParameters()`, wait for them.
public final class Dense: Layer {
    public enum WeightLayout: Sendable {
        /// `[in, out]`, TensorFlow.
        case inputMajor
        /// `[out, in]`, PyTorch.
        case outputMajor
    }

    public let name: String
    /// `[in, out]` or `[out, in]` per `layout`; may still be being drawn.
    private let pendingWeights: PendingTensor
    public let layout: WeightLayout
    /// `[out]`
    public let bias: Tensor
    public let activation: Activation
    public let inputs: Int
    public let outputs: Int
    private let kernels: KernelTable

    public var kind: LayerKind { .dense }
    public var parameterCount: Int { pendingWeights.shape.count + bias.count }

    /// `[in, out]` or `[out, in]` per `layout`, once drawn: blocks until then.
    public var weights: Tensor { pendingWeights.tensor }

    /// Whether the weights are drawn: reading `weights` would not wait.
    public var weightsAreDrawn: Bool { pendingWeights.isReady }

    public func waitForParameters() { _ = pendingWeights.tensor }

    /// - Parameter kernels: the kernel variant to run on (`KernelVariant.selected` by default).
    public convenience init(name: String, weights: Tensor, layout: WeightLayout, bias: Tensor,
                            activation: Activation, kernels: KernelVariant = .selected) throws {
        try self.init(name: name, weights: PendingTensor(ready: weights), layout: layout, bias: bias,
                      activation: activation, kernels: kernels)
    }

    /// A layer whose weights may still be being drawn.
    public init(name: String, weights: PendingTensor, layout: WeightLayout, bias: Tensor,
                activation: Activation, kernels: KernelVariant = .selected) throws {
        guard weights.shape.rank == 2 else {
            throw ShapeError(layer: name, "weights are \(weights.shape), expected a matrix")
        }
        let (inputs, outputs) = layout == .inputMajor
            ? (weights.shape[0], weights.shape[1]) : (weights.shape[1], weights.shape[0])
        guard bias.shape == Shape(outputs) else {
            throw ShapeError(layer: name, "bias is \(bias.shape), expected \(outputs)")
        }
        self.name = name
        self.pendingWeights = weights
        self.layout = layout
        self.bias = bias
        self.activation = activation
        self.inputs = inputs
        self.outputs = outputs
        self.kernels = kernels.kernels
    }

    /// `dense 18816→4096, tanh`
    public var summary: String {
        ["dense \(inputs)→\(outputs)", activation.displayName].compactMap { $0 }.joined(separator: ", ")
    }

    public func outputShape(for input: Shape) throws -> Shape {
        guard input.count == inputs else {
            throw ShapeError(layer: name, "input \(input) has \(input.count) values, expected \(inputs)")
        }
        return Shape(outputs)
    }

    public func multiplyAdds(for input: Shape) -> Int { inputs * outputs }

    public func workspaceFloats(for input: Shape) -> Int {
        layout == .inputMajor ? MatrixVector.inputMajorWorkspace(inputs: inputs, outputs: outputs) : 0
    }

    public func forward(_ input: Tensor, into output: Tensor, workspace: Workspace) {
        let weights = self.weights
        switch layout {
        case .inputMajor:
            MatrixVector.multiplyInputMajor(weights.data, inputs: inputs, outputs: outputs, x: input.data,
                                            bias: bias.data, activation: activation, into: output.data,
                                            workspace: workspace.data, kernels: kernels)
        case .outputMajor:
            MatrixVector.multiplyOutputMajor(weights.data, inputs: inputs, outputs: outputs, x: input.data,
                                             bias: bias.data, activation: activation, into: output.data,
                                             kernels: kernels)
        }
    }
}
