import Engine
import Foundation

/// Columns of text, each as wide as its widest cell, numbers right-aligned.
struct TextTable {
    enum Alignment { case left, right }
    let headers: [String]
    let alignments: [Alignment]
    /// Spaces before each column after the first; two unless given.
    var gaps: [Int]? = nil
    var rows: [[String]] = []

    func rendered() -> [String] {
        let widths = headers.indices.map { column in
            ([headers] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([headers] + rows).map { cells in
            cells.indices.map { column -> String in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return alignments[column] == .left ? cells[column] + padding : padding + cells[column]
            }.enumerated().map { column, cell in
                column == 0 ? cell : String(repeating: " ", count: gaps?[column - 1] ?? 2) + cell
            }.joined().trimmingTrailingSpaces()
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// Short human forms of numbers, about four significant digits, for a table that fits about 100
/// columns.
enum HumanNumber {
    /// `34.94K`, `218.6M`, `1.135G`; plain below a thousand.
    static func count(_ value: Int) -> String {
        let magnitude = abs(Double(value))
        for (scale, suffix) in [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "K")] where magnitude >= scale {
            return significant(Double(value) / scale) + suffix
        }
        return String(value)
    }

    /// Bytes in decimal units: `233.1 MB`.
    static func bytes(_ value: Int) -> String {
        let magnitude = Double(value)
        for (scale, suffix) in [(1e9, "GB"), (1e6, "MB"), (1e3, "kB")] where magnitude >= scale {
            return significant(magnitude / scale) + " " + suffix
        }
        return "\(value) B"
    }

    /// A statistic: fixed-point with four significant digits in [0.001, 100000), else three
    /// significant digits in a short exponent form (`5.11e-4`, `-1.23e5`).
    static func statistic(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        guard magnitude < 1e-3 || magnitude >= 1e5 else { return significant(value) }
        // "%.2e" gives 5.11e-04; the exponent's padding costs a column the table does not have.
        let parts = String(format: "%.2e", value).split(separator: "e")
        guard parts.count == 2, let exponent = Int(parts[1]) else { return String(format: "%.2e", value) }
        return "\(parts[0])e\(exponent)"
    }

    /// Four significant digits for magnitudes from 0.001 to 99999.
    static func significant(_ value: Double) -> String {
        let magnitude = abs(value)
        let decimals = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : magnitude >= 1 ? 3 : 4
        return String(format: "%.\(decimals)f", value)
    }

    static func milliseconds(_ seconds: Double) -> String {
        String(format: "%.3f", RunReport.milliseconds(seconds))
    }

    static func percent(_ fraction: Double) -> String {
        String(format: "%.1f", fraction * 100)
    }
}

extension RunReport {
    /// Short kind names so the table fits about 100 columns; JSON and CSV carry `LayerKind.rawValue`.
    static func shortKind(_ kind: LayerKind) -> String {
        switch kind {
        case .conv2d: return "conv"
        case .maxPool2d: return "maxpool"
        case .localResponseNorm: return "lrn"
        case .dense: return "dense"
        case .dropout: return "dropout"
        case .flatten: return "flatten"
        case .adaptiveAvgPool2d: return "avgpool"
        }
    }

    /// Where the time goes, for the engineer comparing with other engines: the convolutions'
    /// time, share and arithmetic rate, the dense layers' time, share and the rate at which they
    /// read their weights (they are bound by memory bandwidth), and the rest. Empty when untimed.
    func timeByKindLines() -> [String] {
        let groups: [(name: String, members: [Layer], rate: (LayerCost, Double) -> String)] = [
            ("conv", layers.filter { $0.kind == .conv2d }, { cost, seconds in
                cost.gigaflopsPerSecond(seconds: seconds).map { HumanNumber.statistic($0) + " GFLOP/s" } ?? ""
            }),
            ("dense", layers.filter { $0.kind == .dense }, { cost, seconds in
                seconds > 0 ? "weights read at " + HumanNumber.statistic(Double(cost.weightBytes) / seconds / 1e9)
                    + " GB/s" : ""
            }),
            ("other", layers.filter { $0.kind != .conv2d && $0.kind != .dense }, { _, _ in "" }),
        ]
        var table = TextTable(headers: ["", "", "", ""], alignments: [.left, .right, .right, .left])
        for (name, members, rate) in groups where !members.isEmpty {
            let timed = members.compactMap(\.timing)
            guard timed.count == members.count else { return [] }
            let seconds = timed.map(\.median).reduce(0, +)
            let share = members.compactMap(\.share).reduce(0, +)
            let cost = LayerCost(multiplyAdds: members.map(\.cost.multiplyAdds).reduce(0, +),
                                 parameters: members.map(\.cost.parameters).reduce(0, +),
                                 activationBytes: members.map(\.cost.activationBytes).reduce(0, +))
            table.rows.append(["  " + name, HumanNumber.milliseconds(seconds) + " ms", HumanNumber.percent(share) + "%",
                               rate(cost, seconds)])
        }
        var lines = ["time by kind of layer:"] + table.rendered().dropFirst()
        let methods = Dictionary(grouping: layers.compactMap { layer in layer.method.map { ($0, layer.name) } },
                                 by: \.0)
        for (method, named) in methods.sorted(by: { $0.key < $1.key }) {
            lines.append("  (\(named.map(\.1).joined(separator: ", ")) by \(method): the FLOPs counted are "
                + "the direct computation's)")
        }
        return lines
    }

    /// `text` with each control character as a space: a tab, line break or escape in a label
    /// from a `--labels` file, or in a file's name, would break the lines, or drive the terminal.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    /// `C 71%` (a share of the FMA peak) or `M 92%` (of the read bandwidth).
    static func roofCell(_ point: RooflinePoint) -> String {
        (point.bound == .compute ? "C " : "M ") + point.percent
    }

    /// What the `roof` column is a share of, and how and when the ceilings were measured; empty
    /// without ceilings.
    func ceilingsLines() -> [String] {
        guard let ceilings else { return [] }
        return [
            "roof: share of the ceiling that binds the layer, by FLOPs done per byte of weights, input, output",
            "  (above 100%: M, the bytes were in the caches; C, the peak was measured low):",
            "  C: FMA peak " + HumanNumber.statistic(ceilings.peakFlopsPerSecond / 1e9) + " GFLOP/s, M: read bandwidth "
                + HumanNumber.statistic(ceilings.readBytesPerSecond / 1e9) + " GB/s, measured \(ceilings.measuredAtText)",
        ] + Self.methodLines(ceilings.method)
    }

    /// `  (method)`, broken after a comma where a line would pass `width` columns (the table's
    /// about 100), the lines after the first indented under the parenthesis.
    static func methodLines(_ method: String, width: Int = 100) -> [String] {
        var lines: [String] = []
        var rest = Substring("(" + method + ")")
        var indent: String { lines.isEmpty ? "  " : "   " }
        while indent.count + rest.count > width, let comma = rest.prefix(width - indent.count).lastIndex(of: ",") {
            lines.append(indent + rest[...comma])
            rest = rest[rest.index(after: comma)...].drop { $0 == " " }
        }
        return lines + [indent + rest]
    }

    /// The model-summary table joined with measurements, a totals row, then the top classes.
    func tableText() -> String {
        var lines: [String] = []
        lines.append("model \(model), weights: \(RunReport.printable(weights)), kernels: \(kernels)")
        lines.append("image \(RunReport.printable(image.path)) (\(image.width)x\(image.height))")
        lines.append(timedRuns > 1
            ? "time: median of \(timedRuns) runs after \(warmupRuns) warm-up run\(warmupRuns == 1 ? "" : "s")"
            : "time: one run, no warm-up (use --repeat N for medians)")
        lines.append("")

        var table = TextTable(
            headers: ["layer", "kind", "output", "params", "FLOPs", "ms", "%", "roof",
                      "min", "mean", "max", "std", "zeros"],
            alignments: [.left, .left, .left] + Array(repeating: .right, count: 10),
            // One space between the statistics, which are right-aligned and rarely full width, and
            // before `roof`, whose cells start with a letter.
            gaps: [2, 2, 2, 2, 2, 2, 1, 2, 1, 1, 1, 1])
        for layer in layers {
            table.rows.append([
                layer.unused ? layer.name + "*" : layer.name,
                RunReport.shortKind(layer.kind),
                layer.outputShape.description,
                HumanNumber.count(layer.cost.parameters),
                HumanNumber.count(layer.cost.flops),
                layer.timing.map { HumanNumber.milliseconds($0.median) } ?? "-",
                layer.share.map(HumanNumber.percent) ?? "-",
                layer.roofline.map(RunReport.roofCell) ?? "-",
                HumanNumber.statistic(layer.stats.min),
                HumanNumber.statistic(layer.stats.mean),
                HumanNumber.statistic(layer.stats.max),
                HumanNumber.statistic(layer.stats.std),
                HumanNumber.percent(layer.stats.zeros) + "%",
            ])
        }
        table.rows.append(["total", "", "", HumanNumber.count(totals.parameters),
                           HumanNumber.count(totals.flops), HumanNumber.milliseconds(totals.seconds),
                           HumanNumber.percent(totals.timedLayers > 0 ? 1 : 0),
                           "", "", "", "", "", ""])
        var rendered = table.rendered()
        // The weights' size goes on the totals row, in the space the statistics leave free.
        rendered[rendered.count - 1] += "  weights " + HumanNumber.bytes(totals.weightBytes)
        let rule = String(repeating: "-", count: rendered.map(\.count).max() ?? 0)
        lines.append(rendered[0])
        lines.append(rule)
        lines.append(contentsOf: rendered[1..<(rendered.count - 1)])
        lines.append(rule)
        lines.append(rendered[rendered.count - 1])
        if let unused = layers.first(where: \.unused) {
            lines.append("* \(unused.name) is computed but no later layer reads it (as in the original model)")
        }
        for layer in layers where layer.stats.nonFinite > 0 {
            lines.append(layer.stats.nonFinite == layer.stats.count
                ? "! \(layer.name): all \(layer.stats.count) values are NaN or infinite (none left for min/mean/max/std)"
                : "! \(layer.name): \(layer.stats.nonFinite) of \(layer.stats.count) values are NaN or infinite "
                    + "(left out of min/mean/max/std)")
        }
        if timedRuns > 1, let runs = totals.runs {
            lines.append("whole run: median \(HumanNumber.milliseconds(runs.median)) ms, "
                + "min \(HumanNumber.milliseconds(runs.min)) ms, max \(HumanNumber.milliseconds(runs.max)) ms")
        }
        lines.append(contentsOf: timeByKindLines())
        lines.append(contentsOf: ceilingsLines())

        lines.append("")
        lines.append(contentsOf: predictionLines(top: top, noPrediction: noPrediction))
        if randomWeights, noPrediction == nil { lines.append(RunReport.randomWeightsNote) }
        if let comparison {
            lines.append("")
            lines.append(contentsOf: comparisonLines(comparison))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The top classes as a table with probability bars, or why there are none; `prefix` names
    /// the input when it is not the first (`B: `).
    private func predictionLines(top: [RankedClass], noPrediction: String?, prefix: String = "") -> [String] {
        if let noPrediction { return ["\(prefix)no prediction: \(noPrediction)"] }
        var ranking = TextTable(headers: ["#", "class", "label", "p", ""],
                                alignments: [.right, .right, .left, .right, .left])
        for (rank, ranked) in top.enumerated() {
            let p = Double(ranked.probability)
            ranking.rows.append([String(rank + 1), String(ranked.classIndex), RunReport.printable(ranked.label),
                                 String(format: "%.4f", p), String(repeating: "#", count: Int((p * 30).rounded()))])
        }
        return ["\(prefix)top \(top.count) of \(logits.count) classes (softmax)"] + ranking.rendered()
    }

    /// `--compare`: how alike B's activations are to A's at every layer, then B's top classes.
    private func comparisonLines(_ comparison: ComparisonReport) -> [String] {
        var table = TextTable(headers: ["layer", "similarity", "distance"], alignments: [.left, .right, .right])
        for layer in layers {
            let compared = comparison.layers[layer.profile.index]
            table.rows.append([layer.name, Self.fixed4(compared.cosineSimilarity), Self.fixed4(compared.relativeDistance)])
        }
        return ["compared with B = \(RunReport.printable(comparison.input)): the cosine similarity of B's activations "
                    + "to A's, and their distance |A - B| / |A|"]
            + table.rendered()
            + [""]
            + predictionLines(top: comparison.top, noPrediction: comparison.noPrediction, prefix: "B: ")
    }

    /// Four decimals (a similarity of 0.9996 is not 1), or `nan` / `inf`.
    static func fixed4(_ value: Double) -> String {
        value.isFinite ? String(format: "%.4f", value) : HumanNumber.statistic(value)
    }
}
