/// How random weights are drawn, to compare what the initial scale does to the activations.
/// Biases always keep the preset's own initialisation.
public enum InitScheme: String, CaseIterable, Sendable {
    /// The preset's own: seed's truncated normal 0.1, alexnet's PyTorch uniform ±1/sqrt(fan_in).
    case presetDefault = "default"
    /// The seed's choice for every weight, whatever the layer's size.
    case truncatedNormal = "truncated-normal-0.1"
    /// He (Kaiming) uniform: ±sqrt(6 / fan_in), variance 2 / fan_in, which keeps ReLU
    /// activations at a steady scale.
    case he
    /// Glorot (Xavier) uniform: ±sqrt(6 / (fan_in + fan_out)).
    case glorot

    /// `He uniform`, for screens.
    public var displayName: String {
        switch self {
        case .presetDefault: "the preset's own"
        case .truncatedNormal: "truncated normal 0.1"
        case .he: "He uniform"
        case .glorot: "Glorot uniform"
        }
    }

    /// The initializer for a weight with these fans; nil keeps the preset's.
    public func initializer(fanIn: Int, fanOut: Int) -> Initializer? {
        switch self {
        case .presetDefault: nil
        case .truncatedNormal: .truncatedNormal(stddev: 0.1)
        case .he: .uniform(bound: (6 / Float(max(fanIn, 1))).squareRoot())
        case .glorot: .uniform(bound: (6 / Float(max(fanIn + fanOut, 1))).squareRoot())
        }
    }

    /// The next scheme, for a key that cycles through them.
    public var next: InitScheme {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
