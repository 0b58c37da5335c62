/// Flattens an `[H, W, C]` feature map into a vector in HWC (TensorFlow) or CHW (PyTorch) order.
public final class Flatten: Layer {
    public enum Order: Sendable {
        /// `index = (y * W + x) * C + c`, the storage order.
        case hwc
        /// `index = (c * H + y) * W + x`, PyTorch's `torch.flatten` of NCHW.
        case chw
    }

    public let name: String
    public let order: Order

    public var kind: LayerKind { .flatten }

    public init(name: String, order: Order) {
        self.name = name
        self.order = order
    }

    /// `flatten HWC`
    public var summary: String { "flatten \(order == .hwc ? "HWC" : "CHW")" }

    public func outputShape(for input: Shape) throws -> Shape { Shape(input.count) }

    public func multiplyAdds(for input: Shape) -> Int { input.count }

    public func forward(_ input: Tensor, into output: Tensor, workspace: Workspace) {
        if order == .chw && input.shape.isFeatureMap {
            Reshape.channelsFirst(input.data, height: input.shape[0], width: input.shape[1],
                                  channels: input.shape[2], into: output.data)
        } else {
            output.data.update(from: input.data, count: input.count)
        }
    }
}
