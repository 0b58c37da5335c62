/// Every channel of a feature map as a thumbnail; the selected one framed by `[ ]`.
struct GridView {
    let frame: Frame

    /// Thumbnail size and arrangement for `channels` thumbnails of a `sourceWidth` x `sourceHeight`
    /// map in `area`: the largest thumbnails that show every channel, or the smallest (one cell
    /// wide) with scrolling when even those do not fit.
    struct Arrangement: Equatable {
        let thumbnailWidth: Int
        let thumbnailHeight: Int
        let columns: Int
        let rows: Int
        /// Rows between thumbnails.
        let rowGap: Int

        init(channels: Int, sourceWidth: Int, sourceHeight: Int, in area: Rect) {
            let largest = min(max(sourceWidth * 2, 1), max(area.width - 2, 1))
            var chosen: (Int, Int, Int, Int, Int)?
            for candidate in stride(from: largest, through: 1, by: -1) {
                let height = max((candidate * sourceHeight / max(sourceWidth, 1) + 1) / 2, 1)
                // The width the map really takes at that height (aspect kept).
                let width = HeatMapRenderer.size(sourceWidth: sourceWidth, sourceHeight: sourceHeight,
                                                 in: Rect(x: 0, y: 0, width: candidate, height: height)).columns
                let gap = height >= 2 ? 1 : 0
                // A gap column before every thumbnail, and one after the last, holds the cursor's brackets.
                let columns = (area.width - 1) / (width + 1)
                let rows = (area.height + gap) / (height + gap)
                guard columns > 0, rows > 0 else { continue }
                chosen = (width, height, columns, rows, gap)
                if columns * rows >= channels { break }
            }
            let (width, height, columns, rows, gap) = chosen ?? (1, 1, 1, 1, 0)
            thumbnailWidth = width
            thumbnailHeight = height
            self.columns = columns
            self.rows = rows
            rowGap = gap
        }
    }

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme
        guard let shown = frame.shownValues() else {
            drawPending(frame, into: &buffer, in: area)
            return
        }
        let output = shown.tensor
        ChannelHeadingView(frame: frame, statistics: shown.statistics).draw(into: &buffer, in: area)
        // Once channels are ranked, the last row lists them strongest first.
        let rankingRows = frame.channelRank == nil ? 0 : 1
        if let ranking = frame.channelRank {
            let x = buffer.write("strongest by \(frame.state.rankCriterion.label): ", in: area, row: area.height - 1,
                                 style: theme.dim)
            buffer.write(ranking.order.map(String.init).joined(separator: " "), in: area, column: x - area.x,
                         row: area.height - 1, style: theme.accent)
        }
        let gridArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1 - rankingRows)
        let channels = output.shape[2]
        let arrangement = Arrangement(channels: channels, sourceWidth: output.shape[1],
                                      sourceHeight: output.shape[0], in: gridArea)
        // Scroll by whole rows so the cursor's row is visible.
        let cursorRow = frame.state.channel / arrangement.columns
        let firstRow = max(cursorRow - arrangement.rows + 1, 0)
        let renderer = shown.renderer(theme)
        for slot in 0..<(arrangement.rows * arrangement.columns) {
            let channel = (firstRow * arrangement.columns) + slot
            guard channel < channels else { break }
            let x = gridArea.x + 1 + (slot % arrangement.columns) * (arrangement.thumbnailWidth + 1)
            let y = gridArea.y + (slot / arrangement.columns) * (arrangement.thumbnailHeight + arrangement.rowGap)
            let cell = Rect(x: x, y: y, width: arrangement.thumbnailWidth, height: arrangement.thumbnailHeight)
            renderer.draw(Plane(channel: channel, of: output), scale: shown.scale(channel: channel), into: &buffer, in: cell)
            if channel == frame.state.channel {
                for row in 0..<arrangement.thumbnailHeight {
                    buffer.write("[", x: x - 1, y: y + row, foreground: theme.highlight.foreground,
                                 attributes: theme.highlight.attributes)
                    buffer.write("]", x: cell.maxX, y: y + row, foreground: theme.highlight.foreground,
                                 attributes: theme.highlight.attributes)
                }
            }
        }
    }
}
