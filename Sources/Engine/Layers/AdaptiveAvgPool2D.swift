/// PyTorch's adaptive average pooling of an `[H, W, C]` feature map to a fixed spatial size.
public final class AdaptiveAvgPool2D: Layer {
    public let name: String
    public let outputHeight: Int
    public let outputWidth: Int

    public var kind: LayerKind { .adaptiveAvgPool2d }

    public init(name: String, outputHeight: Int, outputWidth: Int) {
        self.name = name
        self.outputHeight = outputHeight
        self.outputWidth = outputWidth
    }

    /// `adaptive avgpool → 6x6`
    public var summary: String { "adaptive avgpool → \(outputHeight)x\(outputWidth)" }

    public func outputShape(for input: Shape) throws -> Shape {
        guard input.isFeatureMap, input[0] > 0, input[1] > 0 else {
            throw ShapeError(layer: name, "input is \(input), expected a non-empty feature map [H, W, C]")
        }
        guard outputHeight > 0, outputWidth > 0 else {
            throw ShapeError(layer: name, "output size \(outputHeight)x\(outputWidth) must be positive")
        }
        return Shape(outputHeight, outputWidth, input[2])
    }

    /// Additions: the sizes of all windows, per channel.
    public func multiplyAdds(for input: Shape) -> Int {
        guard input.isFeatureMap else { return 0 }
        let rows = (0..<outputHeight).reduce(0) { $0 + Pooling.adaptiveWindow($1, input: input[0], output: outputHeight).count }
        let columns = (0..<outputWidth).reduce(0) { $0 + Pooling.adaptiveWindow($1, input: input[1], output: outputWidth).count }
        return rows * columns * input[2]
    }

    public func forward(_ input: Tensor, into output: Tensor, workspace: Workspace) {
        Pooling.adaptiveAverage(input.data, height: input.shape[0], width: input.shape[1], channels: input.shape[2],
                                outputHeight: outputHeight, outputWidth: outputWidth, into: output.data)
    }
}
