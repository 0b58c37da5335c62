import Engine
import Profiling

/// Times computed layers again while the worker is idle, so that the list and the panel show a
/// warm median rather than the first, cold run (which pays for first-touch page faults).
///
/// Each layer is recomputed `repeats` times, or until its repeats have taken `budgetSeconds`,
/// into a scratch buffer (the outputs on display are not rewritten), on the worker's queue: the
/// run's workspace is the worker's. One repeat per turn of that queue, so a layer asked for
/// waits for one repeat at most (fc6: ~9 ms), and a turn that finds the worker busy stops until
/// `tick()` asks again.
final class RetimingJob: BackgroundJob, @unchecked Sendable {
    static let repeats = 5
    static let budgetSeconds = 0.05

    /// One run's re-timing: touched on that run's worker queue only, apart from `id`.
    private final class Session: @unchecked Sendable {
        let id: ObjectIdentifier
        let worker: LayerWorker
        let profiler: LayerProfiler
        /// Room for the largest output, zero-filled (so touched) once, before any timing.
        let scratch: Tensor

        init(worker: LayerWorker, clock: any MonotonicClock) {
            id = ObjectIdentifier(worker.run)
            self.worker = worker
            profiler = LayerProfiler(clock: clock)
            scratch = Tensor(zeros: Shape(worker.run.network.nodes.map(\.outputShape.count).max() ?? 1))
        }

        func output(for layer: Int) -> Tensor {
            Tensor(shape: worker.run.network.nodes[layer].outputShape, borrowing: scratch.data, owner: scratch)
        }
    }

    private struct State {
        var session: Session?
        /// Warm timings of the session's run, nil until a layer is done.
        var summaries: [TimingSummary?] = []
        /// Layers asked for and not done, the next first.
        var pending: [Int] = []
        /// A turn is queued on the worker.
        var scheduled = false
        var changes = 0
    }

    private let state = Locked(State())
    private let clock: any MonotonicClock

    init(clock: any MonotonicClock) {
        self.clock = clock
    }

    var changeCount: Int { state.withLock { $0.changes } }

    /// The warm timings of `run`'s layers (nil where not done), empty for another run.
    func summaries(for run: ForwardRun) -> [TimingSummary?] {
        state.withLock { $0.session?.id == ObjectIdentifier(run) ? $0.summaries : [] }
    }

    /// Asks for `layers` of `worker`'s run (computed ones), the first before any other; layers
    /// done or already asked for are not timed again.
    func request(_ layers: [Int], of worker: LayerWorker) {
        let start = state.withLock { state -> Session? in
            if state.session?.id != ObjectIdentifier(worker.run) {
                state = State(session: Session(worker: worker, clock: clock),
                              summaries: Array(repeating: nil, count: worker.run.network.nodes.count),
                              changes: state.changes + 1)
            }
            for layer in layers.reversed() where state.summaries[layer] == nil {
                state.pending.removeAll { $0 == layer }
                state.pending.insert(layer, at: 0)
            }
            guard !state.pending.isEmpty, !state.scheduled, let session = state.session else { return nil }
            state.scheduled = true
            return session
        }
        if let start { worker.onEngine { run in self.turn(start, run: run) } }
    }

    /// Lets the run go (the weights are being redrawn): a turn in flight finishes its repeat and
    /// stops.
    func forget() {
        state.withLock { $0 = State(changes: $0.changes + 1) }
    }

    func waitUntilIdle() {
        while let worker = state.withLock({ $0.scheduled ? $0.session?.worker : nil }) { worker.waitUntilIdle() }
    }

    /// One repeat of the next pending layer, then the next turn; on `session`'s worker queue.
    private func turn(_ session: Session, run: ForwardRun) {
        let busy = session.worker.published.isBusy
        let next = state.withLock { state -> Int? in
            guard state.session === session else { return nil }
            guard !busy, let layer = state.pending.first else {
                state.scheduled = false
                return nil
            }
            return layer
        }
        guard let layer = next else { return }
        run.recompute(layer, into: session.output(for: layer), observer: session.profiler)
        let samples = session.profiler.samples(for: layer)
        if samples.count >= Self.repeats || samples.reduce(0, +) >= Self.budgetSeconds {
            state.withLock { state in
                guard state.session === session else { return }
                state.summaries[layer] = TimingSummary(samples: samples)
                state.pending.removeAll { $0 == layer }
                state.changes += 1
            }
        }
        session.worker.onEngine { run in self.turn(session, run: run) }
    }
}
