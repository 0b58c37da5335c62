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

    /// `text` if it fits in `width` characters; else cut after its last whole word that fits,
    /// ending with `ellipsis` (`…`, or `...` in ASCII): a word or a number is never cut in the
    /// middle (a single word longer than `width` is the one exception).
    static func fit(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard text.count > width else { return text }
        guard width > ellipsis.count else { return String(ellipsis.prefix(max(width, 0))) }
        let room = text.prefix(width - ellipsis.count)
        guard let space = room.lastIndex(of: " ") else { return String(room) + ellipsis }
        // Whole words only, and none that is only punctuation (a separator) just before the ellipsis.
        var words = room[..<space].split(separator: " ", omittingEmptySubsequences: false)
        while let last = words.last, !last.contains(where: { $0.isLetter || $0.isNumber }) { words.removeLast() }
        return (words.isEmpty ? String(room) : words.joined(separator: " ")) + ellipsis
    }

    /// The first of `forms` (longest first) that fits in `width`, else the last one cut to fit.
    static func fit(_ forms: [String], to width: Int, ellipsis: String = "…") -> String {
        forms.first { $0.count <= width } ?? fit(forms.last ?? "", to: width, ellipsis: ellipsis)
    }

    /// Parts joined by `separator`, as many as fit in `width` in their shortest forms (the last
    /// of each part's forms), each then in the longest form that leaves room for the others; the
    /// parts that do not fit are left out whole (the first part alone is cut to fit).
    /// `min 0  max 5  mean 1.2  std 0.5` becomes `min 0  max 5  mean 1.2` rather than losing a digit.
    static func fit(parts: [[String]], separator: String, to width: Int, ellipsis: String = "…") -> String {
        let parts = parts.filter { !$0.isEmpty }
        let shortest = parts.map { $0.last!.count }
        func minimum(_ count: Int) -> Int { shortest.prefix(count).reduce(0, +) + max(count - 1, 0) * separator.count }
        var count = parts.count
        while count > 0, minimum(count) > width { count -= 1 }
        guard count > 0 else { return parts.first.map { fit($0, to: width, ellipsis: ellipsis) } ?? "" }
        var spare = width - minimum(count)
        let chosen = (0..<count).map { index in
            let form = parts[index].first { $0.count - shortest[index] <= spare } ?? parts[index].last!
            spare -= form.count - shortest[index]
            return form
        }
        return chosen.joined(separator: separator)
    }

    /// `text` padded with spaces (or cut) to exactly `width` characters, aligned left or right.
    static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let count = text.count
        if count >= width { return String(text.prefix(width)) }
        let spaces = String(repeating: " ", count: width - count)
        return right ? spaces + text : text + spaces
    }
}
