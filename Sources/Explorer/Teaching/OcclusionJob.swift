import Dispatch
import Engine

/// Occlusion sensitivity computed on its own queue (its own run of the network), with progress
/// the UI polls and a cancel flag the computation checks before every forward pass.
///
/// `@unchecked Sendable`: its only stored state is two `Locked` values and a serial queue.
final class OcclusionJob: BackgroundJob, @unchecked Sendable {
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
    var changeCount: Int { state.withLock { $0.changes } }

    /// Starts on `run`'s network and input (replacing any earlier result); returns at once.
    func start(on run: ForwardRun, normalization: InputNormalization) {
        let network = run.network, input = run.input
        let fill = Self.grey(of: input, normalization: normalization)
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

    /// Grey in the network's input space: mid-grey undone through the preprocessing, or the
    /// middle of each channel's range when that is unknown.
    static func grey(of input: Tensor, normalization: InputNormalization) -> [Float] {
        let fill: [Float]
        switch normalization {
        case let .meanStd(mean, std):
            fill = (0..<3).map { (0.5 - mean[$0]) / std[$0] }
        case .autoRange:
            let values = UnsafeBufferPointer(input.buffer), channels = input.shape[2]
            fill = (0..<channels).map { channel in
                let stats = ActivationStats(UnsafeBufferPointer(rebasing: values[channel...]), stride: channels)
                return Float((stats.min + stats.max) / 2)
            }
        }
        return Array(fill.prefix(input.shape[2]))
    }

    func cancel() { cancelled.withLock { $0 = true } }

    /// Forgets the result (the weights it was computed with are gone).
    func clear() { state.withLock { $0 = Progress(changes: $0.changes + 1) } }

    /// Blocks until the computation has finished or stopped.
    func waitUntilIdle() { queue.sync {} }
}
