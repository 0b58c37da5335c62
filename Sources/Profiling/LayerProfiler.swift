import Engine
import Foundation

/// Times every layer a `ForwardRun` computes, as the run's observer.
///
/// Each timed execution of layer `i` appends one sample to that layer's list, so after `n`
/// re-runs of the whole network every layer has `n` samples in run order. Storage for the samples
/// is reserved ahead (`reserve(runs:)`), so recording a sample does not allocate.
///
/// The executor may run on a background thread while a front end reads the samples: a lock
/// guards the storage, and the clock is read outside it so the lock is not timed.
// Unchecked: `durations`, `started` and `reservedRuns` are only touched under `lock`.
public final class LayerProfiler: LayerObserver, @unchecked Sendable {
    private let clock: any MonotonicClock
    private let lock = NSLock()
    /// Nanoseconds per timed execution, one list per layer index.
    private var durations: [[UInt64]] = []
    private var started: UInt64 = 0
    private var reservedRuns = 16

    public init(clock: any MonotonicClock = SystemClock()) {
        self.clock = clock
    }

    /// Reserves room for `runs` samples per layer, so that recording them does not allocate.
    public func reserve(runs: Int) {
        lock.lock()
        defer { lock.unlock() }
        reservedRuns = max(reservedRuns, runs)
        for index in durations.indices { durations[index].reserveCapacity(reservedRuns) }
    }

    public func layerWillRun(_ index: Int, in network: Network) {
        lock.lock()
        if durations.count < network.nodes.count {
            let reserved = reservedRuns
            while durations.count < network.nodes.count {
                var list: [UInt64] = []
                list.reserveCapacity(reserved)
                durations.append(list)
            }
        }
        lock.unlock()
        started = clock.nanoseconds()
    }

    public func layerDidRun(_ index: Int, in network: Network) {
        let finished = clock.nanoseconds()
        lock.lock()
        durations[index].append(finished &- started)
        lock.unlock()
    }

    /// Seconds taken by each timed execution of layer `layer`, in the order they ran.
    public func samples(for layer: Int) -> [Double] {
        lock.lock()
        defer { lock.unlock() }
        guard layer < durations.count else { return [] }
        return durations[layer].map { Double($0) / 1e9 }
    }

    /// Seconds of the most recent execution of `layer`, or nil if it has not been timed.
    public func latest(for layer: Int) -> Double? {
        lock.lock()
        defer { lock.unlock() }
        guard layer < durations.count, let last = durations[layer].last else { return nil }
        return Double(last) / 1e9
    }

    public func summary(for layer: Int) -> TimingSummary? {
        TimingSummary(samples: samples(for: layer))
    }

    /// Seconds per whole-network run: the sum over layers of each run's sample, for the runs in
    /// which every one of the `layerCount` layers was timed.
    public func runTotals(layerCount: Int) -> [Double] {
        lock.lock()
        defer { lock.unlock() }
        guard layerCount > 0, durations.count >= layerCount else { return [] }
        let runs = durations.prefix(layerCount).map(\.count).min() ?? 0
        return (0..<runs).map { run in
            Double(durations.prefix(layerCount).reduce(UInt64(0)) { $0 &+ $1[run] }) / 1e9
        }
    }

    /// Forgets every sample (reserved storage is kept).
    public func reset() {
        lock.lock()
        defer { lock.unlock() }
        for index in durations.indices { durations[index].removeAll(keepingCapacity: true) }
    }
}

/// Times `repeats` complete runs of the network after `warmup` untimed ones.
///
/// Every run recomputes every layer from the start (`ForwardRun.rerun()`), so the outputs stay
/// valid afterwards. The profiler's earlier samples are discarded; the run's observer is restored.
public func profile(_ run: ForwardRun, warmup: Int, repeats: Int, profiler: LayerProfiler) {
    let previous = run.observer
    defer { run.observer = previous }
    run.observer = nil
    for _ in 0..<max(warmup, 0) { run.rerun() }
    profiler.reset()
    profiler.reserve(runs: repeats)
    run.observer = profiler
    for _ in 0..<max(repeats, 0) { run.rerun() }
}
