import Profiling

/// The classifier's most probable classes with labels and probability bars.
struct TopKView {
    let frame: Frame

    /// While the weights are random, at the foot of the view.
    static let randomWeightsNote = [
        "random weights: these classes mean nothing; trained ones: scripts/export_*.py",
        "random weights: classes mean nothing (scripts/export_*.py)",
        "random weights: the classes mean nothing",
    ]

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let area = drawRandomWeightsNote(Self.randomWeightsNote, frame: frame, into: &buffer, in: area)
        guard let statistics = frame.statistics(frame.layer), statistics.probabilities != nil else {
            drawPending(frame, into: &buffer, in: area)
            return
        }
        draw(statistics, title: nil, into: &buffer, in: area)
    }

    /// The top classes of `statistics` (a classifier layer's), under `title` when given.
    func draw(_ statistics: LayerStatistics, title: String?, into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme
        guard let probabilities = statistics.probabilities else { return }
        guard !statistics.hasNoPrediction else {
            buffer.write((title.map { $0 + ": " } ?? "") + "no prediction: " + RunReport.noPredictionReason,
                         in: area, row: 0, style: theme.error)
            return
        }
        // Classes whose logit is NaN have no probability and are not ranked, so fewer may be listed.
        let top = statistics.top(max(min(frame.context.topK, area.height - 1), 0))
        buffer.write((title.map { $0 + ": " } ?? "") + "top \(top.count) of \(probabilities.count) classes (softmax)",
                     in: area, row: 0, style: theme.dim)
        let labels = frame.context.labels
        let bars = top.enumerated().map { rank, index in
            let label = index < labels.count ? labels[index] : "class \(index)"
            return BarChartRenderer.Bar(label: "\(rank + 1). \(label)", value: Double(probabilities[index]),
                                        annotation: Format.percent(Double(probabilities[index])),
                                        style: rank == 0 ? theme.highlight : theme.text)
        }
        BarChartRenderer(theme: theme).draw(bars, maximum: 1, into: &buffer,
                                            in: Rect(x: area.x, y: area.y + 1, width: min(area.width, 90),
                                                     height: area.height - 1))
    }
}
