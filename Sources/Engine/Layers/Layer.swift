/// What a layer computes, for reports (`"kind"` in JSON) and for views that depend on it.
public enum LayerKind: String, Sendable, CaseIterable {
    case conv2d, maxPool2d, localResponseNorm, dense, dropout, flatten, adaptiveAvgPool2d
}

/// One step of a network: its parameters plus one call to a functional op.
///
/// Layers are immutable after construction (weights packed once), so one layer can run on any
/// thread. `forward` must not allocate: it writes into `output`, allocated by the executor with
/// `outputShape(for:)`, and may use `workspace` for scratch memory of `workspaceFloats(for:)` floats.
public protocol Layer: AnyObject, Sendable {
    var name: String { get }
    var kind: LayerKind { get }
    /// One line for people, e.g. `conv 11x11/4 SAME, 96 filters, ReLU`.
    var summary: String { get }
    /// Learned numbers (weights and biases).
    var parameterCount: Int { get }
    /// The output shape for an input shape, or an error naming the layer when they do not fit.
    func outputShape(for input: Shape) throws -> Shape
    /// Multiply-adds for one forward pass (FLOPs are twice this); for element-wise layers, the
    /// number of elements touched. Counted for the textbook computation, whatever `method`.
    func multiplyAdds(for input: Shape) -> Int
    /// Multiply-adds the engine's `method` actually does (Winograd's matrix products), for a
    /// roofline that compares the work done with the machine's FMA peak; `multiplyAdds` unless
    /// `method` does fewer.
    func performedMultiplyAdds(for input: Shape) -> Int
    /// How the engine computes the layer when it does fewer operations than `multiplyAdds`
    /// counts (Winograd's transforms), so that a rate above the machine's peak reads right; nil
    /// for the textbook computation.
    var method: String? { get }
    /// Scratch memory `forward` needs, in floats.
    func workspaceFloats(for input: Shape) -> Int
    func forward(_ input: Tensor, into output: Tensor, workspace: Workspace)
    /// Blocks until the layer's parameters hold their values (random weights are drawn in the
    /// background: `PendingTensor`), so that a timed `forward` does not include drawing them.
    func waitForParameters()
}

extension Layer {
    public func workspaceFloats(for input: Shape) -> Int { 0 }
    public var parameterCount: Int { 0 }
    public var method: String? { nil }
    public func performedMultiplyAdds(for input: Shape) -> Int { multiplyAdds(for: input) }
    public func waitForParameters() {}
}

/// Scratch memory shared by the layers of one run, allocated once for the largest need.
// Unchecked: the one run that owns it uses it from one thread at a time; a kernel's threads
// write disjoint per-worker parts of it.
public final class Workspace: @unchecked Sendable {
    public let capacity: Int
    /// 64-byte aligned, `capacity` floats.
    public let data: UnsafeMutablePointer<Float>

    public init(capacity: Int) {
        self.capacity = capacity
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: max(capacity, 1) * MemoryLayout<Float>.stride, alignment: 64)
        self.data = raw.bindMemory(to: Float.self, capacity: max(capacity, 1))
    }

    deinit { UnsafeMutableRawPointer(data).deallocate() }
}

/// A layer's input or output does not fit the network.
public struct ShapeError: Error, CustomStringConvertible, Equatable {
    public let layer: String
    public let message: String
    public init(layer: String, _ message: String) {
        self.layer = layer
        self.message = message
    }
    public var description: String { "\(layer): \(message)" }
}
