import Engine

/// A conv or dense layer's values before its activation, with what the activation did to them.
struct PreActivationValues {
    let layer: Int
    let tensor: Tensor
    let statistics: LayerStatistics
    let activation: Activation
    /// ReLU: the share of values it set to zero (negative before); tanh: the share of outputs
    /// saturated (|y| > 0.99); nil for other activations.
    let effect: (label: String, share: Double)?

    init(layer: Int, tensor: Tensor, output: Tensor, activation: Activation) {
        self.layer = layer
        self.tensor = tensor
        self.activation = activation
        statistics = LayerStatistics(output: tensor, isLogits: false)
        effect = Self.effect(of: activation, before: UnsafeBufferPointer(tensor.buffer),
                             after: UnsafeBufferPointer(output.buffer))
    }

    /// What `activation` did, from the values before and after it.
    static func effect(of activation: Activation, before: UnsafeBufferPointer<Float>,
                       after: UnsafeBufferPointer<Float>) -> (label: String, share: Double)? {
        guard !before.isEmpty else { return nil }
        switch activation {
        case .relu:
            let zeroed = before.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
            return ("ReLU set to zero", Double(zeroed) / Double(before.count))
        case .tanh:
            let saturated = after.reduce(0) { $0 + (abs($1) > 0.99 ? 1 : 0) }
            return ("tanh saturated (|y| > 0.99)", Double(saturated) / Double(after.count))
        case .identity:
            return nil
        }
    }
}
