/// The extent of a tensor along each axis, outermost first.
///
/// Feature maps are `[H, W, C]` (channels last, batch 1); vectors are `[N]`. Weight shapes are
/// stated in the layout of the file they come from, e.g. TensorFlow's conv `[kh, kw, in, out]`.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
    public let dims: [Int]

    public init(_ dims: [Int]) {
        precondition(dims.allSatisfy { $0 >= 0 }, "negative dimension in \(dims)")
        self.dims = dims
    }

    public init(_ dims: Int...) { self.init(dims) }

    public var rank: Int { dims.count }

    /// Number of elements: the product of the dimensions (1 for a scalar).
    public var count: Int { dims.reduce(1, *) }

    public subscript(axis: Int) -> Int { dims[axis] }

    /// `56x56x96`, the way model summaries print shapes.
    public var description: String { dims.map(String.init).joined(separator: "x") }
}

extension Shape {
    /// True for `[H, W, C]` feature maps, false for vectors.
    public var isFeatureMap: Bool { rank == 3 }
}
