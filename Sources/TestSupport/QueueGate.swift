import Dispatch

/// A serial queue held shut until the gate opens: what is queued behind it cannot have run, so
/// a test can hold background work (a draw of random weights) at a known point.
public final class QueueGate: Sendable {
    public let queue = DispatchQueue(label: "alexnet-tui.test-gate")
    private let shut = DispatchSemaphore(value: 0)

    public init() { queue.async { [shut] in shut.wait() } }

    /// Opens the gate now (if it is not open already).
    public func open() { shut.signal() }

    /// Opens the gate from another thread after `milliseconds`, while the caller blocks.
    public func open(after milliseconds: Int) {
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) { [shut] in shut.signal() }
    }
}
