import Dispatch
import Engine

/// Occlusion sensitivity computed on its own queue (its own run of the network), with progress
/// the UI polls and a cancel flag the computation checks before every forward pass.
final class OcclusionJob: @unchecked Sendable {
    struct Progress: Sendable {
        var done = 0
        var total = 0
        var running = false
        var result: Occlusion.Map?
        /// Bumped whenever anything above changes (folded into the app's change count).
        var changes = 0
    }

    private let state = Locked(Progress())
    private let cancelled = Locked(false)
    private let queue = DispatchQueue(label: "alexnet-tui.occlusion", qos: .utility)

    var progress: Progress { state.withLock { $0 } }
    var changes: Int { state.withLock { $0.changes } }

    /// Starts (replacing any earlier result); returns at once.
    func start(network: Network, input: Tensor, fill: [Float]) {
        cancelled.withLock { $0 = false }
        state.withLock { $0 = Progress(done: 0, total: 0, running: true, result: nil, changes: $0.changes + 1) }
        let (patch, stride) = Occlusion.defaultPatch(for: input.shape)
        queue.async { [state, cancelled] in
            let map = Occlusion.sensitivity(network: network, input: input, fill: fill, patch: patch, stride: stride) { done, total in
                state.withLock { $0.done = done; $0.total = total; $0.changes += 1 }
                return !cancelled.withLock { $0 }
            }
            state.withLock { $0.running = false; $0.result = map; $0.changes += 1 }
        }
    }

    func cancel() { cancelled.withLock { $0 = true } }

    /// Forgets the result (the weights it was computed with are gone).
    func clear() { state.withLock { $0 = Progress(changes: $0.changes + 1) } }

    /// Blocks until the computation has finished or stopped (tests).
    func wait() { queue.sync {} }
}
