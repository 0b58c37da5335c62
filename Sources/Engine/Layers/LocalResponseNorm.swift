import KernelSupport

/// Local response normalisation across the channels of an `[H, W, C]` feature map.
public final class LocalResponseNorm: Layer {
    public enum Convention: Sendable, Equatable {
        /// `x / (bias + alpha * sum of x^2 over channels c-r ... c+r)^beta`
        case tensorFlow(depthRadius: Int, bias: Float, alpha: Float, beta: Float)
        /// `x / (k + alpha / size * sum of x^2 over size channels)^beta`; the window is PyTorch's,
        /// c - size/2 ... c + (size-1)/2, which for odd sizes is Caffe's too.
        case caffe(size: Int, k: Float, alpha: Float, beta: Float)
    }

    public let name: String
    public let convention: Convention
    private let normalization: ResponseNormalization
    private let kernels: KernelTable

    public var kind: LayerKind { .localResponseNorm }

    /// - Parameter kernels: the kernel variant to run on (`KernelVariant.selected` by default).
    public init(name: String, convention: Convention, kernels: KernelVariant = .selected) {
        self.name = name
        self.kernels = kernels.kernels
        self.convention = convention
        switch convention {
        case let .tensorFlow(radius, bias, alpha, beta):
            normalization = ResponseNormalization(before: max(radius, 0), after: max(radius, 0),
                                                  bias: bias, scale: alpha, beta: beta)
        case let .caffe(size, k, alpha, beta):
            normalization = ResponseNormalization(before: max(size, 1) / 2, after: (max(size, 1) - 1) / 2,
                                                  bias: k, scale: alpha / Float(max(size, 1)), beta: beta)
        }
    }

    /// `LRN r=5 bias=1 alpha=1 beta=0.5 (TF)`, `LRN size=5 k=2 alpha=0.0001 beta=0.75 (Caffe/PyTorch)`
    public var summary: String {
        switch convention {
        case let .tensorFlow(radius, bias, alpha, beta):
            "LRN r=\(radius) bias=\(compact(bias)) alpha=\(compact(alpha)) beta=\(compact(beta)) (TF)"
        case let .caffe(size, k, alpha, beta):
            "LRN size=\(size) k=\(compact(k)) alpha=\(compact(alpha)) beta=\(compact(beta)) (Caffe/PyTorch)"
        }
    }

    /// The channel window: 2r+1 (TensorFlow) or size (Caffe/PyTorch).
    public var windowSize: Int { normalization.before + normalization.after + 1 }

    public func outputShape(for input: Shape) throws -> Shape {
        guard input.isFeatureMap else {
            throw ShapeError(layer: name, "input is \(input), expected a feature map [H, W, C]")
        }
        if case let .caffe(size, _, _, _) = convention, size < 1 {
            throw ShapeError(layer: name, "LRN size \(size) must be at least 1")
        }
        if case let .tensorFlow(radius, _, _, _) = convention, radius < 0 {
            throw ShapeError(layer: name, "LRN depth radius \(radius) must not be negative")
        }
        return input
    }

    /// Squares summed: the window size per element.
    public func multiplyAdds(for input: Shape) -> Int { input.count * windowSize }

    public func workspaceFloats(for input: Shape) -> Int {
        input.isFeatureMap ? normalization.workspaceFloats(channels: input[2], kernels: kernels) : 0
    }

    public func forward(_ input: Tensor, into output: Tensor, workspace: Workspace) {
        normalization.normalize(input.data, pixels: input.shape[0] * input.shape[1], channels: input.shape[2],
                                into: output.data, workspace: workspace.data, kernels: kernels)
    }
}

/// `1` for 1.0, `0.0001` for 1e-4: parameters in summaries as people write them.
func compact(_ value: Float) -> String {
    value == value.rounded() && abs(value) < 1e6 ? String(Int(value)) : "\(value)"
}
