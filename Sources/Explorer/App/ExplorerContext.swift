import Engine

/// How the network input is turned back into displayable colours.
public enum InputNormalization: Sendable, Equatable {
    /// The input is `(pixel / 255 - mean) / std` per channel (torchvision); undone exactly.
    case meanStd(mean: [Float], std: [Float])
    /// Unknown scaling: each channel stretched from its own minimum to maximum.
    case autoRange

    /// ImageNet statistics used by torchvision's AlexNet.
    public static let torchvision = InputNormalization.meanStd(mean: [0.485, 0.456, 0.406],
                                                                std: [0.229, 0.224, 0.225])

    /// The inverse of `preprocessing`'s value mapping.
    public init(_ preprocessing: Preprocessing) {
        switch preprocessing {
        case .seed: self = .meanStd(mean: [0, 0, 0], std: [1, 1, 1])   // sample / maxval in [0, 1]
        case .torchvision: self = .torchvision
        }
    }
}

/// What the explorer shows about the run that it cannot learn from the network itself.
public struct ExplorerContext: Sendable {
    public let modelName: String
    /// `alexnet.safetensors`, or `random init, seed 42`.
    public internal(set) var weightsDescription: String
    /// No weights file: the top-K and filters views say the classes and filters mean nothing.
    public let randomWeights: Bool
    public let imagePath: String
    /// Of the image file, before preprocessing.
    public let imageWidth: Int
    public let imageHeight: Int
    /// Class names of the last layer's outputs.
    public let labels: [String]
    /// Classes listed in the top-K view.
    public var topK: Int
    /// How the input view undoes preprocessing; by default that of the preset named `modelName`
    /// (`seed`, `alexnet`), otherwise a per-channel stretch.
    public var inputNormalization: InputNormalization
    /// The kernel variant the engine runs (`avx512`), named in the header; nil leaves it out.
    public var kernels: String?

    public init(modelName: String, weightsDescription: String, imagePath: String, imageWidth: Int,
                imageHeight: Int, labels: [String], topK: Int = 5,
                inputNormalization: InputNormalization? = nil, randomWeights: Bool = false) {
        self.modelName = modelName
        self.weightsDescription = weightsDescription
        self.randomWeights = randomWeights
        self.imagePath = imagePath
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.labels = labels
        self.topK = topK
        self.inputNormalization = inputNormalization ?? {
            switch modelName.lowercased() {
            case "alexnet": InputNormalization(.torchvision)
            case "seed": InputNormalization(.seed)
            default: .autoRange
            }
        }()
    }
}
