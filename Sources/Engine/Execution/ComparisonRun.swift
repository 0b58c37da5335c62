/// Two forward passes of one network, on a first input (A) and a second (B), stepped together so
/// that every layer shown has both activations.
///
/// B shares A's network (its weights) and scratch workspace: it adds only its own outputs, once,
/// when created. Stepping runs A's layer then B's, on the calling thread.
public final class ComparisonRun: @unchecked Sendable {
    public let first: ForwardRun
    public let second: ForwardRun

    /// B on `secondInput` beside `first`, which must not be stepped by anyone else from now on.
    /// B catches up with the layers A has already computed.
    public init(first: ForwardRun, secondInput: Tensor) {
        self.first = first
        self.second = ForwardRun(sharingWorkspaceOf: first, input: secondInput)
        second.compute(through: first.computedCount - 1)
    }

    public var network: Network { first.network }
    /// Layers `0..<computedCount` hold valid outputs in both runs.
    public var computedCount: Int { min(first.computedCount, second.computedCount) }
    public var isComplete: Bool { first.isComplete && second.isComplete }

    /// Computes the next layer of both; returns its index, or nil when both are complete.
    @discardableResult
    public func step() -> Int? {
        let index = first.step()
        second.compute(through: first.computedCount - 1)
        return index
    }

    /// Computes both through layer `index`.
    public func compute(through index: Int) {
        while computedCount <= index, step() != nil {}
    }

    public func runToEnd() {
        while step() != nil {}
    }

    /// Layer `index` of A against B, once both have computed it.
    public func comparison(at index: Int) -> ActivationComparison? {
        index < computedCount ? ActivationComparison(first.outputs[index], second.outputs[index]) : nil
    }
}

extension ComparisonInput {
    /// B's input beside `first` (A's input, `[224, 224, 3]`): the image at `path` read and
    /// preprocessed as A's was (any format `ImageReader` takes), or `first` transformed (noise
    /// drawn from `seed`). Throws `FileError` for an image that cannot be read.
    public func tensor(beside first: Tensor, preprocessing: Preprocessing, seed: UInt64) throws -> Tensor {
        switch self {
        case .image(let path):
            return preprocessing.tensor(from: try ImageReader.read(path: path))
        case .transform(let transform):
            let output = Tensor(zeros: first.shape)
            transform.apply(to: first, into: output, preprocessing: preprocessing, seed: seed)
            return output
        }
    }
}
