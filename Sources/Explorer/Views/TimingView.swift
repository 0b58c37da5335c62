/// Time per computed layer as bars, with FLOPs and GFLOP/s, and the total.
struct TimingView {
    let frame: Frame

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme, published = frame.published, nodes = frame.network.nodes
        if case .profiling = published.activity {
            drawPending(frame, into: &buffer, in: area)
            return
        }
        let source = published.timedRuns > 1 ? "median of \(published.timedRuns) runs" : "~ warm"
        buffer.write(Format.fit(parts: [["time per layer, \(source)", source],
                                        ["r: medians of \(ExplorerApp.timingRepeats) runs", "r: re-run"]],
                                separator: theme.separator, to: area.width, ellipsis: theme.ellipsis),
                     in: area, row: 0, style: theme.dim)
        let timed = (0..<published.computedCount).compactMap { index in frame.shownSeconds(index).map { (index, $0) } }
        let visible = max(area.height - 2, 0)
        let currentPosition = timed.firstIndex { $0.0 == frame.layer } ?? 0
        let first = min(max(currentPosition - visible / 2, 0), max(timed.count - visible, 0))
        let shown = timed.dropFirst(first).prefix(visible)
        let peak = timed.map(\.1).max() ?? 0
        let bars = shown.map { index, seconds in
            let cost = frame.cost(index)
            let rate = cost.gigaflopsPerSecond(seconds: seconds).map { String(format: "%6.1f GFLOP/s", $0) } ?? ""
            return BarChartRenderer.Bar(
                label: nodes[index].layer.name, value: seconds,
                annotation: Format.pad(Format.milliseconds(seconds), to: 7, right: true)
                    + Format.pad(Format.count(cost.flops), to: 7, right: true) + " FLOP " + rate,
                style: index == frame.layer ? theme.highlight : theme.text)
        }
        BarChartRenderer(theme: theme).draw(bars, maximum: peak, into: &buffer,
                                            in: Rect(x: area.x, y: area.y + 1, width: min(area.width, 100), height: visible))
        let total = frame.totalSeconds
        let totalFlops = timed.reduce(0) { $0 + frame.cost($1.0).flops }
        var line = "total \(Format.milliseconds(total))\(theme.separator)\(Format.count(totalFlops)) FLOP"
        if total > 0 { line += theme.separator + String(format: "%.1f GFLOP/s", Double(totalFlops) / total / 1e9) }
        buffer.write(line, in: area, row: min(shown.count + 1, area.height - 1), style: theme.title)
    }
}
