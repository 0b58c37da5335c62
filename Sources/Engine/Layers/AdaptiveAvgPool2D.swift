import KernelSupport

/// PyTorch's adaptive average pooling of an `[H, W, C]` feature map to a fixed spatial size.
public final class AdaptiveAvgPool2D: Layer {
    public let name: String
    public let outputHeight: Int
    public let outputWidth: Int
    private let kernels: KernelTable

    public var kind: LayerKind { .adaptiveAvgPool2d }

    /// - Parameter kernels: the kernel variant to run on (`KernelVariant.selected` by default).
    public init(name: String, outputHeight: Int, outputWidth: Int, kernels: KernelVariant = .selected) {
        self.kernels = kernels.kernels
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
        let rows = (0..<outputHeight).reduce(0) { $0 + adaptiveWindow($1, input: input[0], output: outputHeight).count }
        let columns = (0..<outputWidth).reduce(0) { $0 + adaptiveWindow($1, input: input[1], output: outputWidth).count }
        return rows * columns * input[2]
    }

    public func forward(_ input: Tensor, into output: Tensor, workspace: Workspace) {
        kernels.adaptiveAverage(input.data, input.shape[0], input.shape[1], input.shape[2], outputHeight, outputWidth,
                                output.data)
    }
}
