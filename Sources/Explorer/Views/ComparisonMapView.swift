import Engine

/// One channel of a compared layer three times side by side: A, B (one shared scale) and A − B
/// (diverging around zero), each labelled, with the two colour bars under them; the cell cursor
/// marked in all three.
struct ComparisonMapView {
    let frame: Frame

    /// Returns the three maps' cells, for clicks.
    @discardableResult
    func draw(into buffer: inout ScreenBuffer, in area: Rect) -> HitMap {
        var hits = HitMap()
        guard let (compared, columns) = frame.drawComparedColumns(into: &buffer, in: area, rows: area.height - 3) else {
            return hits
        }
        let theme = frame.theme, channel = frame.state.channel
        let scale = compared.scale(channel: channel)
        let (difference, differenceScales) = compared.difference()
        let differenceScale = differenceScales[channel]
        let renderer = HeatMapRenderer(theme: theme), diverging = HeatMapRenderer.diverging(theme: theme)
        let panels: [(Plane, HeatMapRenderer, ValueScale)] = [
            (Plane(channel: channel, of: compared.a), renderer, scale),
            (Plane(channel: channel, of: compared.b), renderer, scale),
            (Plane(channel: channel, of: difference), diverging, differenceScale),
        ]
        for ((plane, panelRenderer, panelScale), placed) in zip(panels, columns) {
            let drawn = panelRenderer.draw(plane, scale: panelScale, into: &buffer, in: placed)
            hits.add(drawn, .map(width: plane.width, height: plane.height, area: placed))
            if let cell = frame.cursor {
                MapView(frame: frame).markCell(cell, of: plane, in: placed, into: &buffer)
            }
        }
        if let cell = frame.cursor {
            let a = compared.a[cell.y, cell.x, channel], b = compared.b[cell.y, cell.x, channel]
            buffer.write("y \(cell.y) x \(cell.x): A \(Format.value(Double(a)))  B \(Format.value(Double(b)))  "
                         + "A - B \(Format.value(Double(a - b)))", in: area, row: area.height - 2, style: theme.highlight)
        }
        let barRow = Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1)
        let half = area.width / 2
        var x = buffer.write("A, B ", in: barRow, row: 0, style: theme.dim)
        renderer.drawColorBar(scale: scale, into: &buffer, in: Rect(x: x, y: barRow.y, width: half - (x - area.x) - 1, height: 1))
        x = buffer.write("A - B ", in: barRow, column: half, row: 0, style: theme.dim)
        diverging.drawColorBar(scale: differenceScale, into: &buffer,
                               in: Rect(x: x, y: barRow.y, width: area.maxX - x, height: 1))
        return hits
    }
}
