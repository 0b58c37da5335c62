/// An element-wise non-linearity, applied on its own or fused into a conv/dense epilogue. (The
/// arithmetic is in each kernel variant: `Kernels/Shared/ActivationKernels.swift`.)
public enum Activation: Sendable, Equatable {
    case identity, relu, tanh

    /// `ReLU`, `tanh`; nil for identity (summaries leave it out).
    public var displayName: String? {
        switch self {
        case .identity: nil
        case .relu: "ReLU"
        case .tanh: "tanh"
        }
    }
}
