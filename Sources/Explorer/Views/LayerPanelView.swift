import Engine
import Foundation
import Profiling

/// The current layer's facts: operation, shapes, cost, time, statistics and a histogram.
struct LayerPanelView {
    let frame: Frame
    /// The histogram of an output in so many bins over its range; the app caches these, since
    /// binning conv1's 290K values on every redraw would cost more than the rest of the frame.
    let histogram: (_ output: Tensor, _ bins: Int, _ stats: ActivationStats) -> Histogram

    static func histogramBins(for area: Rect) -> Int { min(area.width, 100) }

    /// Rows the panel takes in `content`: a taller histogram when the screen is tall.
    static func height(for content: Rect) -> Int {
        5 + histogramRows(for: content) + 1
    }

    static func histogramRows(for content: Rect) -> Int { content.height >= 40 ? 5 : 3 }

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme, node = frame.node, index = frame.layer
        // Operation.
        var x = buffer.write(node.layer.name, in: area, row: 0, style: theme.title)
        if frame.network.unusedLayers.contains(index) {
            x = buffer.write(" (output unused)", in: area, column: x - area.x, row: 0, style: theme.warning)
        }
        // Engine summaries may use `→`; ASCII mode keeps to ASCII.
        let summary = theme.mode.usesColor ? node.layer.summary : node.layer.summary.replacingOccurrences(of: "→", with: "->")
        x = buffer.write(theme.separator + summary, in: area, column: x - area.x, row: 0)
        // Shapes and cost.
        let cost = frame.cost(index)
        buffer.write("\(node.inputShape) \(theme.arrow) \(node.outputShape)\(theme.separator)"
                     + "\(Format.count(node.layer.parameterCount)) params\(theme.separator)\(Format.count(cost.flops)) FLOPs",
                     in: area, row: 1)
        // Time, or why there is nothing yet.
        guard let statistics = frame.statistics(index), let output = frame.output(index) else {
            buffer.write(frame.pendingMessage(for: index), in: area, row: 2, style: theme.warning)
            drawSeparator(into: &buffer, in: area)
            return
        }
        if let timing = frame.timing(index) {
            buffer.write(timeLine(timing, cost: cost, width: area.width), in: area, row: 2)
        }
        // Statistics.
        let stats = statistics.overall
        buffer.write(Frame.describe(stats, width: area.width), in: area, row: 3)
        x = buffer.write("zeros \(Format.percent(stats.zeros))\(theme.separator)", in: area, row: 4)
        x = buffer.write("non-finite \(stats.nonFinite)", in: area, column: x - area.x, row: 4,
                         style: stats.nonFinite > 0 ? theme.error : theme.text)
        if let effect = frame.preActivation?.effect {
            let text = theme.separator + "\(effect.label) \(Format.percent(effect.share))"
            // Left out where it does not fit whole (the colour bar under the map says it too).
            if text.count <= area.maxX - x {
                buffer.write(text, in: area, column: x - area.x, row: 4, style: theme.highlight)
            }
        }
        // Histogram, one bin per column.
        let rows = Self.histogramRows(for: area)
        let histogramArea = Rect(x: area.x, y: area.y + 5, width: Self.histogramBins(for: area), height: rows)
        HistogramRenderer(theme: theme).draw(histogram(output, histogramArea.width, stats), into: &buffer,
                                             in: histogramArea)
        drawSeparator(into: &buffer, in: area)
    }

    /// `time 4.29 ms median of 5 · first run 16.3 ms, incl. page faults · 4.21-4.40 ms ·
    /// 224.7 GFLOP/s · 20.8% of run so far`: after the time, each part that fits in `width`, in
    /// that order, a part's short form when its long one does not fit.
    private func timeLine(_ timing: ShownTiming, cost: LayerCost, width: Int) -> String {
        let theme = frame.theme, index = frame.layer, total = frame.totalSeconds
        var line = "time \(Format.milliseconds(timing.seconds)) \(timing.label)"
        var parts: [(long: String, short: String?)] = []
        // The first run beside a median: cold, it pays first-touch page faults of output and scratch.
        if case .firstRun = timing.kind {} else if let first = frame.published.firstSeconds[index] {
            let text = "first run \(Format.milliseconds(first))"
            parts.append((text + ", incl. page faults", text))
        }
        if case .warmMedian(let summary) = timing.kind, summary.count > 1 {
            parts.append(("range \(Format.milliseconds(summary.min).replacingOccurrences(of: " ms", with: ""))-"
                          + Format.milliseconds(summary.max), nil))
        }
        if let rate = cost.gigaflopsPerSecond(seconds: timing.seconds) {
            parts.append((String(format: "%.1f GFLOP/s", rate), nil))
        }
        // Why the rate may exceed the machine's peak (Winograd).
        if let method = frame.node.layer.method { parts.append(("(\(method))", nil)) }
        if total > 0 {
            let share = Format.percent(timing.seconds / total)
            parts.append((share + " of run so far", share + " of run"))
        }
        for (long, short) in parts {
            if line.count + theme.separator.count + long.count <= width {
                line += theme.separator + long
            } else if let short, line.count + theme.separator.count + short.count <= width {
                line += theme.separator + short
            }
        }
        return line
    }

    private func drawSeparator(into buffer: inout ScreenBuffer, in area: Rect) {
        buffer.fill(Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1),
                    with: Cell(frame.theme.horizontalLine, foreground: frame.theme.border.foreground))
    }
}
