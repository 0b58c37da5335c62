import Engine

/// The work and memory traffic of one layer for one forward pass, independent of timing.
public struct LayerCost: Equatable, Sendable {
    /// Multiply-adds (MACs); for element-wise layers, the elements touched.
    public let multiplyAdds: Int
    /// Floating-point operations, counting a multiply-add as 2.
    public let flops: Int
    /// Learned numbers (weights and biases).
    public let parameters: Int
    /// Bytes of parameters as the engine holds them (float32).
    public let weightBytes: Int
    /// Bytes of the layer's input plus its output (float32).
    public let activationBytes: Int

    public init(multiplyAdds: Int, parameters: Int, activationBytes: Int) {
        self.multiplyAdds = multiplyAdds
        self.flops = 2 * multiplyAdds
        self.parameters = parameters
        self.weightBytes = parameters * MemoryLayout<Float>.stride
        self.activationBytes = activationBytes
    }

    public init(node: Network.Node) {
        self.init(multiplyAdds: node.layer.multiplyAdds(for: node.inputShape),
                  parameters: node.layer.parameterCount,
                  activationBytes: (node.inputShape.count + node.outputShape.count)
                      * MemoryLayout<Float>.stride)
    }

    /// Bytes a pass must move at least once: weights plus activations in and out.
    public var trafficBytes: Int { weightBytes + activationBytes }

    /// Billions of FLOPs per second when the layer takes `seconds`; nil for no time.
    public func gigaflopsPerSecond(seconds: Double) -> Double? {
        seconds > 0 ? Double(flops) / seconds / 1e9 : nil
    }

    /// Gigabytes (10^9 bytes) of weights and activations per second when the layer takes `seconds`.
    public func gigabytesPerSecond(seconds: Double) -> Double? {
        seconds > 0 ? Double(trafficBytes) / seconds / 1e9 : nil
    }
}
