import Foundation

/// Number formatting for the panels: short, fixed rules so snapshots stay stable.
enum Format {
    /// A value with 3 significant digits (`0.123`, `-4.56`, `1.23e+04`); non-finite as `nan`/`inf`.
    static func value(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == 0 { return "0" }
        return String(format: "%.3g", x)
    }

    /// A count with an SI suffix: `950`, `34.9K`, `211M`, `1.2G`.
    static func count(_ n: Int) -> String {
        let magnitude = Double(n)
        let units: [(Double, String)] = [(1e9, "G"), (1e6, "M"), (1e3, "K")]
        for (scale, suffix) in units where magnitude >= scale {
            let scaled = magnitude / scale
            return (scaled >= 100 ? String(format: "%.0f", scaled) : String(format: "%.1f", scaled)) + suffix
        }
        return String(n)
    }

    /// Milliseconds from seconds in at most 7 characters below 10 s: `0.04 ms`, `1.23 ms`,
    /// `12.3 ms`, `1234 ms`.
    static func milliseconds(_ seconds: Double) -> String {
        let ms = seconds * 1000
        if ms >= 100 { return String(format: "%.0f ms", ms) }
        if ms >= 10 { return String(format: "%.1f ms", ms) }
        return String(format: "%.2f ms", ms)
    }

    /// A fraction as a percentage with one decimal: `45.2%`.
    static func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", fraction * 100)
    }

    /// `text` cut to `width` characters, ending with `ellipsis` when cut.
    static func truncate(_ text: String, to width: Int, ellipsis: String) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        let keep = max(width - ellipsis.count, 0)
        return String(text.prefix(keep)) + ellipsis.prefix(width - keep)
    }

    /// `text` padded with spaces (or cut) to exactly `width` characters, aligned left or right.
    static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let count = text.count
        if count >= width { return String(text.prefix(width)) }
        let spaces = String(repeating: " ", count: width - count)
        return right ? spaces + text : text + spaces
    }
}
