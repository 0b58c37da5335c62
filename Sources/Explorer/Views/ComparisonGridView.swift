import Engine

/// Every channel of a compared layer as thumbnails, three times side by side: A, B (one shared
/// scale per channel) and A − B (diverging), the selected channel framed in each.
struct ComparisonGridView {
    let frame: Frame

    /// Returns each thumbnail's cells, for clicks.
    @discardableResult
    func draw(into buffer: inout ScreenBuffer, in area: Rect) -> HitMap {
        var hits = HitMap()
        guard let (compared, columns) = frame.drawComparedColumns(into: &buffer, in: area, rows: area.height - 1) else {
            return hits
        }
        let theme = frame.theme
        let (difference, differenceScales) = compared.difference()
        let renderer = HeatMapRenderer(theme: theme)
        let panels: [(Tensor, HeatMapRenderer, (Int) -> ValueScale)] = [
            (compared.a, renderer, compared.scale(channel:)),
            (compared.b, renderer, compared.scale(channel:)),
            (difference, HeatMapRenderer.diverging(theme: theme), { differenceScales[$0] }),
        ]
        for ((tensor, panelRenderer, scale), grid) in zip(panels, columns) {
            hits.add(GridView.drawThumbnails(of: tensor, scale: scale, renderer: panelRenderer, selected: frame.state.channel,
                                             theme: theme, into: &buffer, in: grid))
        }
        return hits
    }
}
