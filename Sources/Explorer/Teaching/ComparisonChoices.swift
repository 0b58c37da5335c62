import Engine

/// The second inputs the comparison key cycles through: the one given with `--compare` (first),
/// then a fixed set of transforms of the first image, then none again.
public struct ComparisonChoices: Sendable {
    /// The transforms offered besides the one given: a flip, a shift by conv1's stride and by
    /// a larger step, light and heavy noise, a grey square over the middle.
    static let standard: [InputTransform] = [
        .flip, .shift(dx: 4, dy: 4), .shift(dx: 32, dy: 0), .noise(sigma: 0.05), .noise(sigma: 0.25),
        .occlude(x: 80, y: 80, size: 64),
    ]

    /// In the order the key cycles them.
    public let inputs: [ComparisonInput]
    private let preprocessing: Preprocessing
    private let seed: UInt64
    /// The image given with `--compare`, preprocessed (read once, at start).
    private let givenImage: (path: String, tensor: Tensor)?

    /// `given` is the `--compare` value, if any, and `givenTensor` its network input;
    /// `preprocessing` and `seed` make the transforms as the command line's.
    public init(given: ComparisonInput?, givenTensor: Tensor?, preprocessing: Preprocessing, seed: UInt64) {
        var inputs = given.map { [$0] } ?? []
        inputs += Self.standard.map(ComparisonInput.transform).filter { $0 != given }
        self.inputs = inputs
        self.preprocessing = preprocessing
        self.seed = seed
        if case .image(let path) = given, let givenTensor { givenImage = (path, givenTensor) } else { givenImage = nil }
    }

    /// B's network input for choice `index` beside A's input `first`.
    func tensor(for index: Int, beside first: Tensor) -> Tensor? {
        guard inputs.indices.contains(index) else { return nil }
        switch inputs[index] {
        case .image(let path):
            return givenImage?.path == path ? givenImage?.tensor : nil
        case .transform(let transform):
            let output = Tensor(zeros: first.shape)
            transform.apply(to: first, into: output, preprocessing: preprocessing, seed: seed)
            return output
        }
    }
}
