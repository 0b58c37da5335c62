import KernelSupport

/// Max pooling over each channel of an `[H, W, C]` feature map; padded cells never win.
public final class MaxPool2D: Layer {
    public let name: String
    public let geometry: WindowGeometry
    private let kernels: KernelTable

    public var kind: LayerKind { .maxPool2d }

    /// - Parameter kernels: the kernel variant to run on (`KernelVariant.selected` by default).
    public init(name: String, kernel: Int, stride: Int, padding: Padding, kernels: KernelVariant = .selected) {
        self.name = name
        self.kernels = kernels.kernels
        geometry = WindowGeometry(kernel: kernel, stride: stride, padding: padding)
    }

    /// `maxpool 3x3/2 SAME`
    public var summary: String { "maxpool \(geometry.description)" }

    public func outputShape(for input: Shape) throws -> Shape {
        guard input.isFeatureMap else {
            throw ShapeError(layer: name, "input is \(input), expected a feature map [H, W, C]")
        }
        guard geometry.kernelHeight >= 1, geometry.strideHeight >= 1 else {
            throw ShapeError(layer: name, "kernel and stride must be at least 1 (\(geometry.description))")
        }
        let pad = geometry.padAmounts(height: input[0], width: input[1])
        // With more padding than kernel, a window could hold only padding and have no maximum.
        let pads = [pad.top, pad.left, pad.bottom, pad.right]
        guard pads.allSatisfy({ $0 >= 0 && $0 < geometry.kernelHeight }) else {
            throw ShapeError(layer: name, "padding \(geometry.padding) must be smaller than the \(geometry.kernelHeight)x\(geometry.kernelHeight) window")
        }
        guard input[0] + pad.top + pad.bottom >= geometry.kernelHeight,
              input[1] + pad.left + pad.right >= geometry.kernelWidth else {
            throw ShapeError(layer: name, "input \(input) is smaller than the \(geometry.description) window")
        }
        let size = geometry.outputSize(height: input[0], width: input[1])
        return Shape(size.height, size.width, input[2])
    }

    /// Comparisons: every output element looks at a full window.
    public func multiplyAdds(for input: Shape) -> Int {
        guard let output = try? outputShape(for: input) else { return 0 }
        return output.count * geometry.kernelHeight * geometry.kernelWidth
    }

    public func forward(_ input: Tensor, into output: Tensor, workspace: Workspace) {
        Pooling.max(input.data, height: input.shape[0], width: input.shape[1], channels: input.shape[2],
                    geometry: geometry, into: output.data, kernels: kernels)
    }
}
