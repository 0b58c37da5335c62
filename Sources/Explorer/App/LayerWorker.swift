import Dispatch
import Engine
import Profiling

/// Runs the engine off the UI thread and publishes what it finished.
///
/// The `ForwardRun` and the profiler are not thread-safe: only blocks on `queue` touch them. The
/// UI reads `Published` under the lock, and reads the output tensors of layers below
/// `readableCount` only; those are not written again until a re-run, which first drops
/// `readableCount` to zero under the same lock. That discipline is why `@unchecked Sendable` is safe.
final class LayerWorker: @unchecked Sendable {
    enum Activity: Equatable, Sendable {
        case computing(layer: Int)
        case profiling(runs: Int)
    }

    /// The state the UI may read; a copy taken under the lock.
    struct Published: Sendable {
        /// Layers `0..<computedCount` have been computed.
        var computedCount = 0
        /// The UI asked for layers up to and including this one.
        var requestedThrough = -1
        var activity: Activity?
        /// Seconds per layer, from the last single run or the medians of a re-run.
        var seconds: [Double?]
        /// Runs behind `seconds`: 1 after stepping, N after a re-run.
        var timedRuns = 1
        /// Seconds of each layer's first run, cold: it includes first-touch page faults of the
        /// output and workspace (kept after a re-run replaces `seconds`).
        var firstSeconds: [Double?]
        var statistics: [LayerStatistics?]
        /// Bumped whenever anything above changes.
        var changeCount = 0

        /// Layers whose outputs the UI may read now (none while a re-run rewrites them).
        var readableCount: Int {
            if case .profiling = activity { return 0 }
            return computedCount
        }

        /// Computing, re-running or with layers asked for and not computed yet: work that
        /// background timing (`RetimingJob`) must not hold up.
        var isBusy: Bool {
            activity != nil || (computedCount <= requestedThrough && computedCount < seconds.count)
        }
    }

    let run: ForwardRun
    private let profiler: LayerProfiler
    private let queue = DispatchQueue(label: "alexnet-tui.engine", qos: .userInitiated)
    private let state: Locked<Published>
    private let logitsLayer: Int?

    init(run: ForwardRun, clock: any MonotonicClock) {
        self.run = run
        profiler = LayerProfiler(clock: clock)
        run.observer = profiler
        let count = run.network.nodes.count
        logitsLayer = Self.logitsLayer(of: run.network)
        var initial = Published(seconds: Array(repeating: nil, count: count),
                                firstSeconds: Array(repeating: nil, count: count),
                                statistics: Array(repeating: nil, count: count))
        initial.computedCount = run.computedCount
        initial.requestedThrough = run.computedCount - 1
        state = Locked(initial)
        // A run handed over part-computed (no worker yet, so this thread may read it).
        let ready = (0..<run.computedCount).map { Optional(statistics(for: $0)) }
        state.withLock { $0.statistics.replaceSubrange(0..<ready.count, with: ready) }
    }

    /// The layer holding the logits: the last (no network here ends in a softmax layer).
    static func logitsLayer(of network: Network) -> Int? {
        network.nodes.indices.last
    }

    var published: Published { state.withLock { $0 } }

    /// `published.changeCount` without copying the rest; the front end polls it.
    var changeCount: Int { state.withLock { $0.changeCount } }

    /// Asks for layers up to and including `index`; returns at once, the worker catches up.
    func request(through index: Int) {
        let needed = state.withLock { published -> Bool in
            guard index > published.requestedThrough else { return false }
            published.requestedThrough = index
            // Say so at once, so the next frame already shows what is being computed.
            if published.activity == nil, published.computedCount < run.network.nodes.count {
                published.activity = .computing(layer: published.computedCount)
            }
            return true
        }
        if needed { queue.async { self.computeRequested() } }
    }

    /// Re-runs the whole network `repeats` times (after one warm-up) and publishes the medians.
    func profileAll(repeats: Int) {
        state.withLock { published in
            published.requestedThrough = run.network.nodes.count - 1
            published.activity = .profiling(runs: repeats)
            published.changeCount += 1
        }
        queue.async { self.profileRequested(repeats: repeats) }
    }

    /// Blocks until every request made so far has been served (tests, and benchmarks).
    func waitUntilIdle() { queue.sync {} }

    /// Runs `body` on the worker's queue, after the work asked for so far: the one place where
    /// other jobs may use the run (its workspace, its layers) without racing the worker.
    func onEngine(_ body: @escaping @Sendable (ForwardRun) -> Void) {
        queue.async { body(self.run) }
    }

    /// Drops the requests not started yet: the layer being computed is the last (a re-run still
    /// finishes its passes). For a worker about to be let go with its run.
    func stop() {
        state.withLock { published in
            published.requestedThrough = min(published.requestedThrough, published.computedCount)
        }
    }

    // MARK: - On the worker queue only

    private func computeRequested() {
        while true {
            let next = state.withLock { published -> Int? in
                guard published.computedCount <= published.requestedThrough,
                      published.computedCount < run.network.nodes.count else {
                    if case .computing = published.activity { published.activity = nil }
                    return nil
                }
                published.activity = .computing(layer: published.computedCount)
                published.changeCount += 1
                return published.computedCount
            }
            guard let index = next else { return }
            run.compute(through: index)
            let seconds = profiler.samples(for: index).last
            let summary = statistics(for: index)
            state.withLock { published in
                published.computedCount = index + 1
                published.seconds[index] = seconds
                published.firstSeconds[index] = seconds
                published.statistics[index] = summary
                published.changeCount += 1
            }
        }
    }

    private func profileRequested(repeats: Int) {
        // Set again here, on the queue, right before outputs are rewritten: a step that finished
        // between `profileAll` and now may have cleared the activity.
        let previouslyComputed = state.withLock { published -> Int in
            published.activity = .profiling(runs: repeats)
            return published.computedCount
        }
        profiler.reset()
        profile(run, warmup: 1, repeats: repeats, profiler: profiler)
        run.observer = profiler
        let count = run.network.nodes.count
        let medians = (0..<count).map { profiler.summary(for: $0)?.median }
        // Outputs are recomputed identically; only layers new to the UI need statistics.
        let added = (previouslyComputed..<run.computedCount).map { ($0, statistics(for: $0)) }
        state.withLock { published in
            published.computedCount = run.computedCount
            published.seconds = medians
            published.timedRuns = repeats
            for (index, statistics) in added { published.statistics[index] = statistics }
            published.activity = nil
            published.changeCount += 1
        }
    }

    private func statistics(for index: Int) -> LayerStatistics {
        LayerStatistics(output: run.outputs[index], isLogits: index == logitsLayer)
    }
}
