/// The two networks the explorer knows: the 17-class TensorFlow model this project starts from,
/// and torchvision's ImageNet AlexNet.
public enum Preset: String, CaseIterable, Sendable {
    case seed, alexnet

    /// Channel widths of the five convolutions and the two hidden dense layers, and the number of
    /// classes: the architecture's free parameters. Reduced copies build the fidelity fixtures.
    public struct Widths: Sendable, Equatable {
        public var conv1, conv2, conv3, conv4, conv5, fc6, fc7, classes: Int

        public init(conv1: Int, conv2: Int, conv3: Int, conv4: Int, conv5: Int, fc6: Int, fc7: Int, classes: Int) {
            (self.conv1, self.conv2, self.conv3, self.conv4, self.conv5) = (conv1, conv2, conv3, conv4, conv5)
            (self.fc6, self.fc7, self.classes) = (fc6, fc7, classes)
        }
    }

    /// The published widths.
    public var widths: Widths {
        switch self {
        case .seed: Widths(conv1: 96, conv2: 256, conv3: 384, conv4: 384, conv5: 384, fc6: 4096, fc7: 4096, classes: 17)
        case .alexnet: Widths(conv1: 64, conv2: 192, conv3: 384, conv4: 256, conv5: 256, fc6: 4096, fc7: 4096, classes: 1000)
        }
    }

    /// `[224, 224, 3]` for both.
    public static let inputShape = Shape(224, 224, 3)

    /// Class names, index = logit index.
    public var labels: [String] {
        switch self {
        case .seed: oxfordFlowers17Labels
        case .alexnet: imageNetLabels
        }
    }

    public var preprocessing: Preprocessing {
        switch self {
        case .seed: .seed
        case .alexnet: .torchvision
        }
    }

    /// The network; random dense weights go on being drawn in the background (`PendingTensor`).
    public func makeNetwork(weights: WeightsChoice) throws -> Network {
        try assemble(weights: weights).network
    }

    /// The network with random weights drawn by `scheme` (or read from a file, which ignores it).
    public func makeNetwork(weights: WeightsChoice, initScheme scheme: InitScheme) throws -> Network {
        try assemble(weights: weights, initScheme: scheme).network
    }

    /// The network at `widths`, and its parameters as stored: file keys and file layouts, ready
    /// for `writeSafeTensors` (all drawn).
    public func build(weights: WeightsChoice, widths: Widths? = nil, initScheme: InitScheme = .presetDefault) throws
        -> (network: Network, parameters: [(String, Tensor)]) {
        let (network, parameters) = try assemble(weights: weights, widths: widths, initScheme: initScheme)
        return (network, parameters.stored)
    }

    private func assemble(weights: WeightsChoice, widths: Widths? = nil, initScheme: InitScheme = .presetDefault) throws
        -> (network: Network, parameters: Parameters) {
        let widths = widths ?? self.widths
        let parameters = try Parameters(weights, scheme: initScheme, pyTorchLayouts: self == .alexnet)
        let layers: [any Layer]
        var sources: [String: String] = [:]
        switch self {
        case .seed:
            layers = try Self.seedLayers(parameters, widths)
            sources = Self.seedSources
        case .alexnet:
            layers = try Self.alexNetLayers(parameters, widths)
        }
        try parameters.finish(model: rawValue)
        let labels = widths.classes == self.widths.classes ? self.labels : (0..<widths.classes).map { "class \($0)" }
        let network = try Network(name: rawValue, inputShape: Self.inputShape, layers: layers,
                                  sources: sources, labels: labels)
        return (network, parameters)
    }
}
