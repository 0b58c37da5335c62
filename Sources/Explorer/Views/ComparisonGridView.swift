import Engine

/// Every channel of a compared layer as thumbnails, three times side by side: A, B (one shared
/// scale per channel) and A − B (diverging), the selected channel framed in each.
struct ComparisonGridView {
    let frame: Frame

    /// Returns each thumbnail's cells, for clicks.
    @discardableResult
    func draw(into buffer: inout ScreenBuffer, in area: Rect) -> HitMap {
        var hits = HitMap()
        guard let compared = frame.compared(), let comparison = frame.comparison else {
            frame.drawComparisonPending(into: &buffer, in: area)
            return hits
        }
        let theme = frame.theme, selected = frame.state.channel
        ChannelHeadingView(frame: frame, statistics: compared.aStatistics).draw(into: &buffer, in: area)
        let channels = compared.a.shape[2]
        // A − B of every channel, each on its own symmetric scale.
        let differences = (0..<channels).map { compared.difference(channel: $0) }
        let difference = Tensor(zeros: compared.a.shape)
        for (channel, map) in differences.enumerated() {
            for pixel in 0..<map.map.count { difference.data[pixel * channels + channel] = map.map.data[pixel] }
        }
        let renderer = HeatMapRenderer(theme: theme)
        let panels: [(String, Tensor, HeatMapRenderer, (Int) -> ValueScale)] = [
            ("A", compared.a, renderer, compared.scale(channel:)),
            (comparison.title, compared.b, renderer, compared.scale(channel:)),
            ("A - B", difference, HeatMapRenderer.diverging(theme: theme), { differences[$0].scale }),
        ]
        let width = (area.width - 2) / 3
        for (index, (title, tensor, panelRenderer, scale)) in panels.enumerated() {
            let column = Rect(x: area.x + index * (width + 1), y: area.y + 1, width: width, height: area.height - 1)
            buffer.write(Format.truncate(title, to: width, ellipsis: theme.ellipsis), in: column, row: 0, style: theme.title)
            let grid = Rect(x: column.x, y: column.y + 1, width: column.width, height: column.height - 1)
            let drawn = GridView.drawThumbnails(of: tensor, scale: scale, renderer: panelRenderer, selected: selected,
                                                theme: theme, into: &buffer, in: grid)
            hits.add(drawn)
        }
        return hits
    }
}
