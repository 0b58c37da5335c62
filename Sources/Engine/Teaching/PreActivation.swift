/// A conv or dense layer's values before its activation, computed on demand so the stepping
/// path keeps its fused activation and allocates nothing.
public enum PreActivation {
    /// The output `layer` would give on `input` without its activation, in a new tensor; nil for
    /// layers without an activation to undo. Builds an identity-activation twin of the layer
    /// (a conv repacks its weights; a dense layer uses them in place).
    public static func compute(_ layer: any Layer, input: Tensor) throws -> Tensor? {
        let twin: any Layer
        switch layer {
        case let conv as Conv2D where conv.activation != .identity:
            twin = try Conv2D(name: conv.name, weights: conv.weights, bias: conv.bias,
                              stride: conv.geometry.strideHeight, padding: conv.geometry.padding,
                              groups: conv.groups, activation: .identity)
        case let dense as Dense where dense.activation != .identity:
            twin = try Dense(name: dense.name, weights: dense.weights, layout: dense.layout, bias: dense.bias,
                             activation: .identity)
        default:
            return nil
        }
        let output = Tensor(zeros: try twin.outputShape(for: input.shape))
        twin.forward(input, into: output, workspace: Workspace(capacity: twin.workspaceFloats(for: input.shape)))
        return output
    }

    /// The activation of a conv or dense layer, nil for other layers.
    public static func activation(of layer: any Layer) -> Activation? {
        switch layer {
        case let conv as Conv2D: conv.activation
        case let dense as Dense: dense.activation
        default: nil
        }
    }
}
