import Engine

/// A layer's weights: conv1's kernels as colour patches; a deeper conv's selected filter, one
/// grey patch per input channel; a dense layer's weight histogram.
struct FiltersView {
    let frame: Frame
    /// A dense layer's weight statistics and histogram in so many bins (cached by the app: a
    /// redraw should not re-read 38M weights).
    let weightSummary: (_ dense: Dense, _ bins: Int) -> WeightSummary

    struct WeightSummary {
        let stats: ActivationStats
        let histogram: Histogram
        /// Every `step`-th weight was read.
        let step: Int

        init(_ dense: Dense, bins: Int) {
            let weights = dense.weights
            step = max(weights.count / FiltersView.histogramSample, 1)
            let sample = Tensor(zeros: Shape((weights.count + step - 1) / step))
            for i in 0..<sample.count { sample.data[i] = weights.data[i * step] }
            stats = ActivationStats(sample)
            histogram = Histogram(UnsafeBufferPointer(sample.buffer), bins: bins, low: stats.min, high: stats.max)
            withExtendedLifetime(sample) {}
        }
    }

    /// Black to white, for kernels over non-colour channels.
    static let grey = ColorMap(stops: [(0, 0, 0), (255, 255, 255)])
    /// Dense histograms read at most this many weights (evenly spaced), so a redraw stays fast.
    static let histogramSample = 1 << 18

    /// While the weights are random, at the foot of the view.
    static let randomWeightsNote = [
        "random weights: noise, not learned filters; trained ones: scripts/export_*.py",
        "random weights: no learned filters (scripts/export_*.py)",
        "random weights: no learned filters",
    ]

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme
        let area = drawRandomWeightsNote(Self.randomWeightsNote, frame: frame, into: &buffer, in: area)
        switch frame.node.layer {
        case let conv as Conv2D:
            if conv.weights.shape[2] == 3 && conv.groups == 1 {
                drawColourKernels(conv, into: &buffer, in: area)
            } else {
                drawFilterAcrossInputs(conv, into: &buffer, in: area)
            }
        case let dense as Dense:
            drawHistogram(dense, into: &buffer, in: area)
        default:
            buffer.write("\(frame.node.layer.name) has no weights (\(frame.node.layer.summary))", in: area, row: 0,
                         style: theme.dim)
        }
    }

    /// Norm and mean of output filter `filter` of `[kh, kw, in, out]` weights.
    static func filterStats(_ weights: Tensor, filter: Int) -> (norm: Double, mean: Double) {
        let out = weights.shape[3], count = weights.count / out
        var sum = 0.0, squares = 0.0
        for i in 0..<count {
            let w = Double(weights.data[i * out + filter])
            sum += w
            squares += w * w
        }
        return (squares.squareRoot(), sum / Double(count))
    }

    /// One output filter's `[kh, kw, in]` kernel as its own tensor, mapped to 0…1 by `scale`.
    private static func kernel(_ weights: Tensor, filter: Int, scale: ValueScale?) -> Tensor {
        let (kh, kw, inputs, out) = (weights.shape[0], weights.shape[1], weights.shape[2], weights.shape[3])
        let kernel = Tensor(zeros: Shape(kh, kw, inputs))
        for i in 0..<kh * kw * inputs {
            let w = weights.data[i * out + filter]
            kernel.data[i] = scale.map { $0.fraction(w) ?? 0 } ?? w
        }
        return kernel
    }

    private func heading(_ text: String, filter: Int, of weights: Tensor, into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme
        let stats = Self.filterStats(weights, filter: filter)
        let x = buffer.write(Format.fit(text, to: area.width, ellipsis: theme.ellipsis), in: area, row: 0, style: theme.title)
        let numbers = Format.fit(parts: [["norm \(Format.value(stats.norm))"], ["mean \(Format.value(stats.mean))"]],
                                 separator: "  ", to: area.maxX - x - 2)
        if numbers.hasPrefix("norm"), !numbers.hasSuffix("…") {
            buffer.write("  " + numbers, in: area, column: x - area.x, row: 0)
        }
    }

    private func drawColourKernels(_ conv: Conv2D, into buffer: inout ScreenBuffer, in area: Rect) {
        let weights = conv.weights, filters = conv.outputChannels, selected = min(frame.state.channel, filters - 1)
        heading("\(filters) filters \(weights.shape[0])x\(weights.shape[1]) RGB, filter \(selected):", filter: selected,
                of: weights, into: &buffer, in: area)
        let galleryArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let arrangement = GridView.Arrangement(channels: filters, sourceWidth: weights.shape[1],
                                               sourceHeight: weights.shape[0], in: galleryArea)
        let firstRow = max(selected / arrangement.columns - arrangement.rows + 1, 0)
        let renderer = ImageRenderer(theme: frame.theme)
        for slot in 0..<(arrangement.rows * arrangement.columns) {
            let filter = firstRow * arrangement.columns + slot
            guard filter < filters else { break }
            // Each filter stretched to its own range, as filter galleries usually are.
            let stats = ActivationStats(Self.kernel(weights, filter: filter, scale: nil))
            let kernel = Self.kernel(weights, filter: filter, scale: ValueScale(low: stats.min, high: stats.max))
            let cell = slotRect(slot, arrangement, in: galleryArea)
            renderer.draw(kernel, mapping: Array(repeating: (255, 0), count: 3), into: &buffer, in: cell)
            if filter == selected { bracket(cell, into: &buffer) }
        }
    }

    private func drawFilterAcrossInputs(_ conv: Conv2D, into buffer: inout ScreenBuffer, in area: Rect) {
        let weights = conv.weights, selected = min(frame.state.channel, conv.outputChannels - 1)
        let inputs = weights.shape[2]
        heading("filter \(selected) of \(conv.outputChannels): \(inputs) input channels, \(weights.shape[0])x\(weights.shape[1]) each",
                filter: selected, of: weights, into: &buffer, in: area)
        let kernel = Self.kernel(weights, filter: selected, scale: nil)
        // One grey scale for the whole filter, so input channels compare by strength.
        let stats = ActivationStats(kernel)
        let scale = ValueScale(low: stats.min, high: stats.max)
        let galleryArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2)
        let arrangement = GridView.Arrangement(channels: inputs, sourceWidth: weights.shape[1],
                                               sourceHeight: weights.shape[0], in: galleryArea)
        let renderer = HeatMapRenderer(theme: frame.theme, colorMap: Self.grey)
        for slot in 0..<min(arrangement.rows * arrangement.columns, inputs) {
            renderer.draw(Plane(channel: slot, of: kernel), scale: scale, into: &buffer,
                          in: slotRect(slot, arrangement, in: galleryArea))
        }
        let shown = min(arrangement.rows * arrangement.columns, inputs)
        let theme = frame.theme
        let x = buffer.write("black \(Format.value(stats.min)) to white \(Format.value(stats.max))", in: area,
                             row: area.height - 1, style: theme.dim)
        if shown < inputs {
            buffer.write("\(theme.separator)first \(shown) of \(inputs) input channels", in: area, column: x - area.x,
                         row: area.height - 1, style: theme.dim)
        }
    }

    private func drawHistogram(_ dense: Dense, into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme
        // Random weights are drawn in the background; waiting here would freeze the screen. The
        // worker's computing the layer, after they are drawn, brings the next frame.
        guard dense.weightsAreDrawn else {
            buffer.write("\(dense.name) weights: still being drawn at random", in: area, row: 0, style: theme.dim)
            return
        }
        let weights = dense.weights
        let rows = max(area.height - 2, 1)
        let histogramArea = Rect(x: area.x, y: area.y + 2, width: min(area.width, 100), height: rows)
        let summary = weightSummary(dense, histogramArea.width)
        buffer.write("\(dense.name) weights \(weights.shape) \(Format.count(weights.count))"
                     + (summary.step > 1 ? ", every \(summary.step)th shown" : ""), in: area, row: 0, style: theme.title)
        buffer.write(Frame.describe(summary.stats, width: area.width), in: area, row: 1)
        // The renderer labels its last row with the range.
        HistogramRenderer(theme: theme).draw(summary.histogram, into: &buffer, in: histogramArea)
    }

    private func slotRect(_ slot: Int, _ arrangement: GridView.Arrangement, in area: Rect) -> Rect {
        Rect(x: area.x + 1 + (slot % arrangement.columns) * (arrangement.thumbnailWidth + 1),
             y: area.y + (slot / arrangement.columns) * (arrangement.thumbnailHeight + arrangement.rowGap),
             width: arrangement.thumbnailWidth, height: arrangement.thumbnailHeight)
    }

    private func bracket(_ cell: Rect, into buffer: inout ScreenBuffer) {
        let style = frame.theme.highlight
        for row in 0..<cell.height {
            buffer.write("[", x: cell.x - 1, y: cell.y + row, foreground: style.foreground, attributes: style.attributes)
            buffer.write("]", x: cell.maxX, y: cell.y + row, foreground: style.foreground, attributes: style.attributes)
        }
    }
}
