// TEMPORARY stand-ins for seams other helpers are building in parallel (COMMON.md): helper `cli`'s
// Profiling (`MonotonicClock`, `SystemClock`, `LayerProfiler`, `TimingSummary`, `profile`) and
// helper `ops`'s `softmax`. Same names and signatures, internal, so the explorer compiles and is
// tested now; delete this file when those land on main (the real public ones then take over).
import Engine
#if canImport(Glibc)
import Glibc
#endif

protocol MonotonicClock: Sendable { func nanoseconds() -> UInt64 }

struct SystemClock: MonotonicClock {
    func nanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

struct TimingSummary { let min, median, max: Double; let count: Int }

final class LayerProfiler: LayerObserver {
    private let clock: any MonotonicClock
    private var started: UInt64 = 0
    private var samplesByLayer: [Int: [Double]] = [:]

    init(clock: any MonotonicClock = SystemClock()) { self.clock = clock }

    func layerWillRun(_ index: Int, in network: Network) { started = clock.nanoseconds() }
    func layerDidRun(_ index: Int, in network: Network) {
        samplesByLayer[index, default: []].append(Double(clock.nanoseconds() - started) / 1e9)
    }
    func samples(for layer: Int) -> [Double] { samplesByLayer[layer] ?? [] }
    func summary(for layer: Int) -> TimingSummary? {
        let sorted = samples(for: layer).sorted()
        guard !sorted.isEmpty else { return nil }
        return TimingSummary(min: sorted[0], median: sorted[sorted.count / 2], max: sorted[sorted.count - 1],
                             count: sorted.count)
    }
    func reset() { samplesByLayer = [:] }
}

func profile(_ run: ForwardRun, warmup: Int, repeats: Int, profiler: LayerProfiler) {
    run.observer = nil
    for _ in 0..<warmup { run.rerun() }
    run.observer = profiler
    for _ in 0..<repeats { run.rerun() }
}

func softmax(_ logits: UnsafeBufferPointer<Float>) -> [Float] {
    let high = logits.filter(\.isFinite).max() ?? 0
    let exps = logits.map { $0.isNaN ? 0 : Float(exp(Double($0 - high))) }
    let sum = exps.reduce(0, +)
    return exps.map { sum > 0 ? $0 / sum : 0 }
}
