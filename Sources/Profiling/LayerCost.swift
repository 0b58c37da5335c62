import Engine

/// The work and memory traffic of one layer for one forward pass, independent of timing.
public struct LayerCost: Equatable, Sendable {
    /// Multiply-adds (MACs); for element-wise layers, the elements touched.
    public let multiplyAdds: Int
    /// Floating-point operations, counting a multiply-add as 2.
    public let flops: Int
    /// FLOPs the engine's method does: fewer than `flops` for Winograd (see `Layer.method`).
    public let performedFlops: Int
    /// Learned numbers (weights and biases).
    public let parameters: Int
    /// Bytes of parameters as the engine holds them (float32).
    public let weightBytes: Int
    /// Bytes of the layer's input plus its output (float32).
    public let activationBytes: Int

    /// `performedMultiplyAdds` defaults to `multiplyAdds` (the textbook computation).
    public init(multiplyAdds: Int, performedMultiplyAdds: Int? = nil, parameters: Int, activationBytes: Int) {
        self.multiplyAdds = multiplyAdds
        self.flops = 2 * multiplyAdds
        self.performedFlops = 2 * (performedMultiplyAdds ?? multiplyAdds)
        self.parameters = parameters
        self.weightBytes = parameters * MemoryLayout<Float>.stride
        self.activationBytes = activationBytes
    }

    public init(node: Network.Node) {
        self.init(multiplyAdds: node.layer.multiplyAdds(for: node.inputShape),
                  performedMultiplyAdds: node.layer.performedMultiplyAdds(for: node.inputShape),
                  parameters: node.layer.parameterCount,
                  activationBytes: (node.inputShape.count + node.outputShape.count)
                      * MemoryLayout<Float>.stride)
    }

    /// Bytes a pass must move at least once: weights plus activations in and out.
    public var trafficBytes: Int { weightBytes + activationBytes }

    /// Operational intensity: FLOPs done (`performedFlops`) per byte of `trafficBytes`; nil for
    /// a layer that moves nothing.
    public var intensity: Double? {
        trafficBytes > 0 ? Double(performedFlops) / Double(trafficBytes) : nil
    }

    /// Billions of FLOPs per second when the layer takes `seconds`; nil for no time.
    public func gigaflopsPerSecond(seconds: Double) -> Double? {
        seconds > 0 ? Double(flops) / seconds / 1e9 : nil
    }

    /// Gigabytes (10^9 bytes) of weights and activations per second when the layer takes `seconds`.
    public func gigabytesPerSecond(seconds: Double) -> Double? {
        seconds > 0 ? Double(trafficBytes) / seconds / 1e9 : nil
    }
}
