import Engine
import Foundation

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
        let theme = frame.theme, node = frame.node, index = frame.layer, published = frame.published
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
        if let seconds = published.seconds[index] {
            let total = frame.totalSeconds
            let time = "time \(Format.milliseconds(seconds))"
            var parts = [published.timedRuns > 1 ? [time + " (median of \(published.timedRuns))", time] : [time]]
            let rate = cost.gigaflopsPerSecond(seconds: seconds).map { String(format: "%.1f GFLOP/s", $0) }
            if let rate { parts.append([rate]) }
            if total > 0 {
                let share = Format.percent(seconds / total)
                parts.append([share + " of run so far", share + " of run"])
            }
            var line = Format.fit(parts: parts, separator: theme.separator, to: area.width)
            // Why the rate may exceed the machine's peak (Winograd), where the whole line has room.
            if let rate, let method = node.layer.method, line.count + method.count + 3 <= area.width {
                line = line.replacingOccurrences(of: rate, with: rate + " (\(method))")
            }
            buffer.write(line, in: area, row: 2)
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

    private func drawSeparator(into buffer: inout ScreenBuffer, in area: Rect) {
        buffer.fill(Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1),
                    with: Cell(frame.theme.horizontalLine, foreground: frame.theme.border.foreground))
    }
}
