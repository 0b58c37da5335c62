import Engine

/// A tensor of deterministic pseudo-random values uniform in `range`, the same on every run.
public func randomTensor(_ shape: Shape, seed: UInt64, in range: ClosedRange<Float> = -1...1) -> Tensor {
    var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x2545_F491_4F6C_DD1D
    let values = (0..<shape.count).map { _ -> Float in
        // xorshift64*: plenty for test data, and independent of the engine's generators.
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        let unit = Float((state &* 0x2545_F491_4F6C_DD1D) >> 40) / Float(1 << 24)
        return range.lowerBound + (range.upperBound - range.lowerBound) * unit
    }
    return Tensor(shape: shape, values: values)
}

/// `0, 1, 2, ...` in storage order: hand-worked cases read naturally.
public func arangeTensor(_ shape: Shape) -> Tensor {
    Tensor(shape: shape, values: (0..<shape.count).map(Float.init))
}

extension Tensor {
    /// The values widened to Double, for reference computations.
    public var doubles: [Double] { buffer.map(Double.init) }
}

/// Runs one layer on `input` the way the executor does (output and workspace sized by the
/// layer), so tests exercise `outputShape`, `workspaceFloats` and `forward` together.
public func runLayer(_ layer: any Layer, on input: Tensor) throws -> Tensor {
    let output = Tensor(zeros: try layer.outputShape(for: input.shape))
    let workspace = Workspace(capacity: layer.workspaceFloats(for: input.shape))
    layer.forward(input, into: output, workspace: workspace)
    return output
}
