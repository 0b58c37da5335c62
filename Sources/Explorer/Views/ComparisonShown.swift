import Engine

/// The second input (B) as one render reads it: its run, and what of it is computed.
struct ComparisonShown {
    let input: ComparisonInput
    let second: ForwardRun
    let published: ComparisonJob.Published

    /// B's output of layer `index`, once computed.
    func output(_ index: Int) -> Tensor? {
        index < published.computedCount ? second.outputs[index] : nil
    }

    func statistics(_ index: Int) -> LayerStatistics? {
        index < published.computedCount ? published.statistics[index] : nil
    }

    func similarity(_ index: Int) -> ActivationComparison? {
        index < published.computedCount ? published.similarity[index] : nil
    }

    /// `B = flip`, `B = samples/coffee.ppm`.
    var title: String { "B = \(input.argument)" }
}

/// One layer of A and of B, drawn at one shared scale, and their difference A − B, drawn
/// around zero with the diverging colour map.
struct ComparedLayer {
    let a: Tensor
    let b: Tensor
    let aStatistics: LayerStatistics
    let bStatistics: LayerStatistics
    let scaleMode: ScaleMode

    /// A's and B's channel `channel` (or whole layer, by the scale mode) on one scale, from the
    /// lower minimum to the higher maximum, so equal values get equal colours.
    func scale(channel: Int) -> ValueScale {
        guard scaleMode == .perChannel, channel < aStatistics.channels.count, channel < bStatistics.channels.count else {
            return layerScale
        }
        return Self.shared(aStatistics.channels[channel], bStatistics.channels[channel])
    }

    var layerScale: ValueScale { Self.shared(aStatistics.overall, bStatistics.overall) }

    /// A − B of a feature map, and the symmetric scale (±max |A − B|) of each channel, or of
    /// the whole layer for every channel when the scale mode says so. One pass over the layer,
    /// so the grid's three sets of thumbnails stay within the redraw budget.
    func difference() -> (tensor: Tensor, scales: [ValueScale]) {
        let channels = a.shape[2]
        let tensor = Tensor(zeros: a.shape)
        var magnitudes = [Float](repeating: 0, count: channels)
        for index in 0..<a.count {
            let value = a.data[index] - b.data[index]
            tensor.data[index] = value
            if value.isFinite { magnitudes[index % channels] = max(magnitudes[index % channels], abs(value)) }
        }
        if scaleMode == .perLayer { magnitudes = Array(repeating: magnitudes.max() ?? 0, count: channels) }
        return (tensor, magnitudes.map { ValueScale(low: -Double($0), high: Double($0)) })
    }

    /// A − B of a vector layer, and its symmetric scale.
    func vectorDifference() -> (values: [Float], scale: ValueScale) {
        let values = (0..<a.count).map { a.data[$0] - b.data[$0] }
        return (values, values.withUnsafeBufferPointer { .symmetric(ActivationStats($0)) })
    }

    private static func shared(_ x: ActivationStats, _ y: ActivationStats) -> ValueScale {
        ValueScale(low: min(x.min, y.min), high: max(x.max, y.max))
    }
}

extension Frame {
    /// The current layer of A and B, once both are computed and a comparison is shown.
    func compared() -> ComparedLayer? {
        guard let comparison, let a = output(layer), let aStatistics = statistics(layer),
              let b = comparison.output(layer), let bStatistics = comparison.statistics(layer) else { return nil }
        return ComparedLayer(a: a, b: b, aStatistics: aStatistics, bStatistics: bStatistics, scaleMode: state.scaleMode)
    }

    /// Starts a compared map or grid: the channel heading on the first row of `area`, then three
    /// columns `rows` high titled A, B = …, A − B; returns the layers and each column's space
    /// under its title. Nil (the pending message drawn instead) until both are computed.
    func drawComparedColumns(into buffer: inout ScreenBuffer, in area: Rect, rows: Int) -> (ComparedLayer, [Rect])? {
        guard let compared = compared(), let comparison else {
            drawComparisonPending(into: &buffer, in: area)
            return nil
        }
        ChannelHeadingView(frame: self, statistics: compared.aStatistics).draw(into: &buffer, in: area)
        let width = (area.width - 2) / 3
        let columns = ["A", comparison.title, "A - B"].enumerated().map { index, title in
            let column = Rect(x: area.x + index * (width + 1), y: area.y + 1, width: width, height: rows)
            buffer.write(Format.truncate(title, to: width, ellipsis: theme.ellipsis), in: column, row: 0, style: theme.title)
            return Rect(x: column.x, y: column.y + 1, width: width, height: rows - 1)
        }
        return (compared, columns)
    }

    /// The main area of a compared layer while B (or A) is still being computed.
    func drawComparisonPending(into buffer: inout ScreenBuffer, in area: Rect) {
        guard output(layer) != nil else { return drawPending(self, into: &buffer, in: area) }
        let message = "computing B (\(comparison?.input.argument ?? "")) up to \(node.layer.name)\(theme.ellipsis)"
        buffer.write(message, in: area, column: max((area.width - message.count) / 2, 0), row: area.height / 2,
                     style: theme.warning)
    }
}
