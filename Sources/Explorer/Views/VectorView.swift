/// A vector layer (fc6, fc7, dropout, flatten): all values as a colour strip, then the largest
/// values as sorted bars.
struct VectorView {
    let frame: Frame

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme
        guard let shown = frame.shownValues(orPendingInto: &buffer, in: area) else { return }
        let values = UnsafeBufferPointer(shown.tensor.buffer), statistics = shown.statistics
        let stripRows = min(max(area.height / 3, 1), 8)
        let cells = area.width * stripRows
        let perCell = max((values.count + cells - 1) / cells, 1)
        let scale = shown.layerScale
        var x = area.x
        if let label = frame.beforeActivationLabel {
            x = buffer.write(label + "  ", in: area, row: 0, style: theme.highlight)
        }
        buffer.write(Format.fit(parts: [["\(values.count) values, 1 cell = \(perCell) (max)"], ["scale per layer"]],
                                separator: theme.separator, to: area.maxX - x, ellipsis: theme.ellipsis),
                     in: area, column: x - area.x, row: 0, style: theme.dim)
        Self.drawStrip(values, scale: scale, renderer: shown.renderer(theme), into: &buffer,
                       in: Rect(x: area.x, y: area.y + 1, width: area.width, height: stripRows))
        let barsTop = 2 + stripRows
        guard barsTop < area.height else { return }
        buffer.write("largest values", in: area, row: barsTop - 1, style: theme.dim)
        let peak = statistics.ranked.first.map { Double(values[$0]) } ?? 0
        let bars = statistics.ranked.map { index in
            BarChartRenderer.Bar(label: "#\(index)", value: Double(values[index]),
                                 annotation: Format.value(Double(values[index])), style: theme.text)
        }
        BarChartRenderer(theme: theme).draw(bars, maximum: peak, into: &buffer,
                                            in: Rect(x: area.x, y: area.y + barsTop, width: min(area.width, 72),
                                                     height: area.height - barsTop))
    }

    /// All of `values` as a colour strip filling `area` row by row, each cell the largest value
    /// of its share (with `signed`, the one of largest magnitude, for differences); any
    /// non-finite value marks its cell.
    static func drawStrip(_ values: UnsafeBufferPointer<Float>, scale: ValueScale, renderer: HeatMapRenderer,
                          signed: Bool = false, into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = renderer.theme, colorMap = renderer.colorMap, ramp = renderer.asciiRamp
        let cells = area.width * area.height
        guard cells > 0 else { return }
        let perCell = max((values.count + cells - 1) / cells, 1)
        for cellIndex in 0..<min(cells, (values.count + perCell - 1) / perCell) {
            var largest = signed ? 0 : -Float.infinity, nonFinite = false
            for i in cellIndex * perCell..<min((cellIndex + 1) * perCell, values.count) {
                guard values[i].isFinite else { nonFinite = true; continue }
                largest = signed ? (abs(values[i]) > abs(largest) ? values[i] : largest) : max(largest, values[i])
            }
            let (x, y) = (area.x + cellIndex % area.width, area.y + cellIndex / area.width)
            if nonFinite {
                buffer[x, y] = theme.mode.usesColor ? Cell(" ", background: ColorMap.nonFinite) : Cell("!")
            } else if let level = scale.level(largest, levels: 256) {
                buffer[x, y] = theme.mode.usesColor
                    ? Cell(" ", background: colorMap.color(index: level))
                    : Cell(ramp[min(level * ramp.count / 256, ramp.count - 1)])
            }
        }
    }
}
