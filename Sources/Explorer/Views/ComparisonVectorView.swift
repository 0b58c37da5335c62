import Engine

/// A compared vector layer: A's and B's values as colour strips on one shared scale, then A − B
/// (diverging; each cell the difference of largest magnitude), then the largest differences.
struct ComparisonVectorView {
    let frame: Frame

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        guard let compared = frame.compared(), let comparison = frame.comparison else {
            frame.drawComparisonPending(into: &buffer, in: area)
            return
        }
        let theme = frame.theme
        let stripRows = min(max((area.height - 4) / 4, 1), 4)
        let perCell = max((compared.a.count + area.width * stripRows - 1) / (area.width * stripRows), 1)
        buffer.write("\(compared.a.count) values, 1 cell = \(perCell)\(theme.separator)A and B on one scale",
                     in: area, row: 0, style: theme.dim)
        let (difference, differenceScale) = compared.vectorDifference()
        let renderer = HeatMapRenderer(theme: theme), diverging = HeatMapRenderer.diverging(theme: theme)
        var y = area.y + 1
        let strips: [(String, UnsafeBufferPointer<Float>, HeatMapRenderer, ValueScale, Bool)] = [
            ("A", UnsafeBufferPointer(compared.a.buffer), renderer, compared.layerScale, false),
            (comparison.title, UnsafeBufferPointer(compared.b.buffer), renderer, compared.layerScale, false),
        ]
        for (title, values, stripRenderer, scale, signed) in strips {
            buffer.write(title, x: area.x, y: y, foreground: theme.title.foreground, attributes: theme.title.attributes,
                         maxWidth: area.width)
            VectorView.drawStrip(values, scale: scale, renderer: stripRenderer, signed: signed, into: &buffer,
                                 in: Rect(x: area.x, y: y + 1, width: area.width, height: stripRows))
            y += stripRows + 1
        }
        buffer.write("A - B", x: area.x, y: y, foreground: theme.title.foreground, attributes: theme.title.attributes)
        difference.withUnsafeBufferPointer { values in
            VectorView.drawStrip(values, scale: differenceScale, renderer: diverging, signed: true, into: &buffer,
                                 in: Rect(x: area.x, y: y + 1, width: area.width, height: stripRows))
        }
        y += stripRows + 1
        guard y + 1 < area.maxY else { return }
        buffer.write("largest |A - B|", x: area.x, y: y, foreground: theme.dim.foreground, attributes: theme.dim.attributes)
        let order = difference.indices.filter { difference[$0].isFinite }
            .sorted { abs(difference[$0]) > abs(difference[$1]) || (abs(difference[$0]) == abs(difference[$1]) && $0 < $1) }
            .prefix(area.maxY - y - 1)
        let bars = order.map { index in
            BarChartRenderer.Bar(label: "#\(index)", value: Double(abs(difference[index])),
                                 annotation: "\(Format.value(Double(compared.a.data[index]))) vs "
                                     + Format.value(Double(compared.b.data[index])), style: theme.text)
        }
        BarChartRenderer(theme: theme).draw(bars, maximum: Double(order.first.map { abs(difference[$0]) } ?? 0),
                                            into: &buffer, in: Rect(x: area.x, y: y + 1, width: min(area.width, 72),
                                                                    height: area.maxY - y - 1))
    }
}
