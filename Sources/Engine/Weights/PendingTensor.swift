import Dispatch

/// A parameter whose values may still be being drawn on another thread.
///
/// Drawing `seed`'s random fc6 writes 308 MB of fresh pages: 0.2–0.9 s, most of it the kernel
/// zeroing them. Drawn in the background, the dense layers' weights no longer hold up the
/// explorer's first screen, and conv1–conv5 are computed meanwhile. Reading `tensor` waits for
/// the values; `shape` is known at once.
// Unchecked: `value` is written only by the draw, before `drawn` is left; every read goes
// through `drawn.wait()`, which orders it after the draw.
public final class PendingTensor: @unchecked Sendable {
    public let shape: Shape
    private let value: Tensor
    private let drawn = DispatchGroup()

    /// A tensor that already holds its values (read from a file, or drawn on this thread).
    public init(ready tensor: Tensor) {
        shape = tensor.shape
        value = tensor
    }

    /// `tensor`, whose values `draw` writes on `queue`.
    init(drawing tensor: Tensor, on queue: DispatchQueue, _ draw: @escaping @Sendable (Tensor) -> Void) {
        shape = tensor.shape
        value = tensor
        queue.async(group: drawn) { draw(tensor) }
    }

    /// The values, once drawn: blocks until then.
    public var tensor: Tensor {
        drawn.wait()
        return value
    }

    /// Whether the values are drawn: reading `tensor` would not wait.
    public var isReady: Bool { drawn.wait(timeout: .now()) == .success }
}
