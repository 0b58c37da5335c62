import Engine

/// One channel of a feature map as a heat-map with its stats and a colour bar; with the cell
/// cursor on, the cursor cell marked and a line with its value and receptive field; with the
/// activation toggle, the values before the activation in a diverging map.
struct MapView {
    let frame: Frame

    /// Returns the map's cells, for clicks.
    @discardableResult
    func draw(into buffer: inout ScreenBuffer, in area: Rect) -> HitMap {
        var hits = HitMap()
        let theme = frame.theme
        guard let shown = frame.shownValues(orPendingInto: &buffer, in: area) else { return hits }
        let channel = frame.state.channel, values = shown.tensor, before = shown.beforeActivation
        ChannelHeadingView(frame: frame, statistics: shown.statistics).draw(into: &buffer, in: area)
        let cursorRows = frame.cursor == nil ? 0 : 1
        let mapArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2 - cursorRows)
        let scale = shown.scale(channel: channel)
        let size = HeatMapRenderer.size(sourceWidth: values.shape[1], sourceHeight: values.shape[0], in: mapArea)
        let placed = Rect(x: mapArea.x + (mapArea.width - size.columns) / 2, y: mapArea.y,
                          width: size.columns, height: size.rows)
        let renderer = shown.renderer(theme)
        let plane = Plane(channel: channel, of: values)
        let drawn = renderer.draw(plane, scale: scale, into: &buffer, in: placed)
        hits.add(drawn, .map(width: plane.width, height: plane.height, area: placed))
        if let cell = frame.cursor {
            markCell(cell, of: plane, in: placed, into: &buffer)
            drawCursorLine(cell, value: plane[cell.x, cell.y],
                           into: &buffer, in: Rect(x: area.x, y: area.maxY - 2, width: area.width, height: 1))
        }
        // Colour bar under the map, labelled with the scale in use.
        let barRow = Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1)
        var label = frame.state.scaleMode.label + "  "
        if before, let effect = frame.preActivation?.effect {
            label = "\(effect.label) \(Format.percent(effect.share))  "
        }
        let x = buffer.write(label, in: barRow, row: 0, style: before ? theme.highlight : theme.dim)
        renderer.drawColorBar(scale: scale, into: &buffer,
                              in: Rect(x: x, y: barRow.y, width: min(barRow.maxX - x, 64), height: 1))
        return hits
    }

    /// Marks the cells showing source pixel `cell`; half blocks hold two pixel rows per cell.
    func markCell(_ cell: CellPosition, of plane: Plane, in placed: Rect, into buffer: inout ScreenBuffer) {
        let fit = AspectFit(sourceWidth: plane.width, sourceHeight: plane.height,
                            maxWidth: placed.width, maxHeight: placed.height * 2)
        guard fit.width > 0 else { return }
        let columns = AspectFit.targets(of: cell.x, from: plane.width, onto: fit.width)
        let pixelRows = AspectFit.targets(of: cell.y, from: plane.height, onto: fit.height)
        let marker = frame.theme.mode.usesColor
            ? Cell("◆", foreground: .role(.highlight), background: .role(.selection), attributes: [.bold])
            : Cell("#", attributes: [.reverse, .bold])
        for row in pixelRows.lowerBound / 2...(pixelRows.upperBound - 1) / 2 {
            for column in columns { buffer[placed.x + column, placed.y + row] = marker }
        }
    }

    /// `y 3 x 7 = 0.52 │ sees input y 5…55, x 37…87 (51x51, step 8)`
    private func drawCursorLine(_ cell: CellPosition, value: Float, into buffer: inout ScreenBuffer, in row: Rect) {
        let theme = frame.theme
        var x = buffer.write("y \(cell.y) x \(cell.x) = \(Format.value(Double(value)))", in: row, row: 0,
                             style: theme.highlight)
        if let field = frame.receptiveFields.indices.contains(frame.layer) ? frame.receptiveFields[frame.layer] : nil {
            let room = row.maxX - x - theme.separator.count
            x = buffer.write(theme.separator + ReceptiveFieldText.describe(field, cell: cell, theme: theme, width: room),
                             in: row, column: x - row.x, row: 0)
        }
    }
}

/// How the explorer words a receptive field.
enum ReceptiveFieldText {
    /// `sees input y -3…7, x 25…35 (11x11, step 4)`; the rows and columns are the window in
    /// input pixels before clipping (negative ones are padding).
    /// Below `width`, without the size and step, then without "sees input".
    static func describe(_ field: ReceptiveField, cell: CellPosition, theme: Theme, width: Int = .max) -> String {
        let region = field.region(row: cell.y, column: cell.x)
        let to = theme.mode.usesColor ? "…" : ".."
        let window = "y \(region.top)\(to)\(region.top + region.height - 1), "
            + "x \(region.left)\(to)\(region.left + region.width - 1)"
        let size = "(\(field.height)x\(field.width), step \(field.jumpY == field.jumpX ? "\(field.jumpY)" : "\(field.jumpY),\(field.jumpX)"))"
        return Format.fit(["sees input \(window) \(size)", "sees input \(window)", "input \(window)"], to: width,
                          ellipsis: theme.ellipsis)
    }
}

/// `ch 3/96  min …  max …  mean …  std …  2 non-finite`: the selected channel's own statistics.
struct ChannelHeadingView {
    let frame: Frame
    let statistics: LayerStatistics

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme, channel = frame.state.channel
        var x = area.x
        if let before = frame.beforeActivationLabel {
            x = buffer.write(before + "  ", in: area, row: 0, style: theme.highlight)
        }
        x = buffer.write("ch \(channel) of \(statistics.channels.count)  ", in: area, column: x - area.x, row: 0,
                         style: theme.title)
        if let rank = frame.channelRank {
            x = buffer.write("#\(rank.rank + 1) by \(frame.state.rankCriterion.label)  ", in: area,
                             column: x - area.x, row: 0, style: theme.accent)
        }
        guard channel < statistics.channels.count else { return }
        let stats = statistics.channels[channel]
        if stats.nonFinite > 0 {
            x = buffer.write("\(stats.nonFinite) non-finite  ", in: area, column: x - area.x, row: 0, style: theme.error)
        }
        buffer.write(Frame.describe(stats, width: area.maxX - x), in: area, column: x - area.x, row: 0)
    }
}

extension Frame {
    /// What the main view shows, or nil after writing in `area` why there is nothing yet.
    func shownValues(orPendingInto buffer: inout ScreenBuffer, in area: Rect) -> ShownValues? {
        if let shown = shownValues() { return shown }
        drawPending(self, into: &buffer, in: area)
        return nil
    }
}

/// The main area of a layer that has no output yet.
func drawPending(_ frame: Frame, into buffer: inout ScreenBuffer, in area: Rect) {
    let message = frame.pendingMessage(for: frame.layer)
    buffer.write(message, in: area, column: max((area.width - message.count) / 2, 0), row: area.height / 2,
                 style: frame.theme.warning)
}
