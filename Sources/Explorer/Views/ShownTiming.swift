import Profiling

/// A layer's time as the list and the panel show it, marked for what it is.
struct ShownTiming {
    enum Kind {
        /// The layer's first run: cold, with first-touch page faults of its output and scratch.
        case firstRun
        /// The median of repeats timed in the background after the layer was shown.
        case warmMedian(TimingSummary)
        /// The median of the whole-network re-runs `r` asked for.
        case rerunMedian(runs: Int)
    }

    let seconds: Double
    let kind: Kind

    /// At most 7 columns: `0.75 ms` (first run), `~0.75ms` (warm median), `r0.75ms` (re-run).
    var listCell: String {
        let compact = Format.milliseconds(seconds).replacingOccurrences(of: " ", with: "")
        switch kind {
        case .firstRun: return Format.milliseconds(seconds)
        case .warmMedian: return "~" + compact
        case .rerunMedian: return "r" + compact
        }
    }

    /// What the list's marks mean, for a legend under it.
    static let legend = "~ warm median, r re-run"

    /// `median of 5`, `1 warm run` (a repeat took the whole budget), `first run`,
    /// `median of 5 re-runs`.
    var label: String {
        switch kind {
        case .firstRun: return "first run"
        case .warmMedian(let summary) where summary.count == 1: return "1 warm run"
        case .warmMedian(let summary): return "median of \(summary.count)"
        case .rerunMedian(let runs): return "median of \(runs) re-runs"
        }
    }
}
