import Dispatch

/// The explorer's redraw budget: a 5 ms median at 200x60. The benchmarks (`RenderBenchmark`,
/// `TeachingBenchmark`) report against it and assert nothing: timings on a shared machine are not
/// a test. `scripts/benchmark_redraw.sh` reports the whole path (key, render, paint) against it.
enum RedrawBudget {
    static let milliseconds = 5.0

    /// The median of `runs` timings of `body`, in milliseconds.
    static func median(runs: Int = 20, _ body: () -> Void) -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[runs / 2]
    }

    /// `ok` within the budget, `OVER 5 ms` above it.
    static func verdict(_ median: Double) -> String { median <= milliseconds ? "ok" : "OVER \(Int(milliseconds)) ms" }
}
