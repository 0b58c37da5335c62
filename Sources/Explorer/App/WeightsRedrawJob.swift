import Dispatch
import Engine

/// Redraws the random weights under another scheme (`G`) on its own queue, and keeps what the
/// scales view says about it: the scheme in use, whether a redraw is under way, why it failed,
/// and each layer's activation std under the schemes shown before.
///
/// The properties are read and written on the UI thread only; the queue touches `finished`,
/// under its lock. That is why `@unchecked Sendable` is safe here.
final class WeightsRedrawJob: BackgroundJob, @unchecked Sendable {
    typealias Rebuild = ExplorerApp.Rebuild
    /// What a redraw hands the UI thread: the new run or the error that stopped it, and the
    /// scheme that run's weights were drawn with (the one asked for, or the one before it when
    /// that failed).
    typealias Finished = (scheme: InitScheme, result: Result<(run: ForwardRun, weightsDescription: String), Error>)

    /// Nil when the weights came from a file: `--init` applies to random weights only.
    var rebuild: Rebuild?
    /// The scheme the weights were drawn with, or the one being drawn.
    var scheme = InitScheme.presetDefault
    /// True from `G` until the new weights are in: the network is then an outline (no weights)
    /// and nothing is computed.
    private(set) var rebuilding = false
    /// Why neither the scheme asked for nor the one before could be drawn (the explorer then
    /// has no weights to compute with).
    private(set) var failure: String?
    /// The layers computed before `G`, to be recomputed with the new weights.
    private(set) var recomputeThrough = 0
    /// Each layer's activation std under the schemes shown before, to compare with the current.
    private(set) var earlier: [(scheme: InitScheme, stds: [Double?])] = []

    private let finished = Locked<(result: Finished?, count: Int)>((nil, 0))
    private let queue = DispatchQueue(label: "alexnet-tui.rebuild", qos: .userInitiated)

    var changeCount: Int { finished.withLock { $0.count } }

    /// Starts drawing the next scheme's weights; `stds` are the current scheme's, `through` the
    /// last layer to recompute. On the queue `release` runs first: it waits for the work still
    /// using the old weights and lets them go, so one model's weights are held at a time.
    func start(stds: [Double?], through: Int, release: @escaping @Sendable () -> Void) {
        guard let rebuild else { return }
        let previous = scheme, next = scheme.next
        earlier.removeAll { $0.scheme == previous }
        earlier.append((previous, stds))
        recomputeThrough = through
        scheme = next
        rebuilding = true
        queue.async { [finished] in
            release()
            // The old weights are gone: draw the new ones (or, failing that, the old scheme again).
            let result: Finished
            do {
                result = (next, .success(try rebuild(next)))
            } catch {
                result = (previous, Result { try rebuild(previous) }.mapError { _ in error })
            }
            finished.withLock { $0 = (result, $0.count + 1) }
        }
    }

    /// The redraw's outcome once, when it has finished (UI thread); the status line's message
    /// comes with a new run.
    func takeFinished() -> (run: ForwardRun, weightsDescription: String, message: String)? {
        guard let (drawn, result) = finished.withLock({ state -> Finished? in
            defer { state.result = nil }
            return state.result
        }) else { return nil }
        switch result {
        case .success(let (run, description)):
            rebuilding = false
            let message = drawn == scheme ? "weights redrawn: \(drawn.displayName); recomputing"
                : "could not draw \(scheme.displayName) weights; back to \(drawn.displayName)"
            scheme = drawn
            return (run, description, message)
        case .failure(let error):
            failure = "could not redraw the weights: \(error)"
            return nil
        }
    }

    func waitUntilIdle() { queue.sync {} }
}

/// What the scales view shows of the weights, copied from the job on the UI thread.
struct WeightsStatus {
    var scheme = InitScheme.presetDefault
    var rebuilding = false
    /// False when the weights came from a file.
    var canSwitch = false
    var earlier: [(scheme: InitScheme, stds: [Double?])] = []
    var failure: String?
}

extension WeightsRedrawJob {
    var status: WeightsStatus {
        WeightsStatus(scheme: scheme, rebuilding: rebuilding, canSwitch: rebuild != nil, earlier: earlier,
                      failure: failure)
    }
}
