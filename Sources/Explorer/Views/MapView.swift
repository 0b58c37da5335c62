/// One channel of a feature map as a heat-map with its stats and a colour bar.
struct MapView {
    let frame: Frame

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme
        guard let output = frame.output(frame.layer), let statistics = frame.statistics(frame.layer) else {
            drawPending(frame, into: &buffer, in: area)
            return
        }
        let channel = frame.state.channel
        ChannelHeadingView(frame: frame, statistics: statistics).draw(into: &buffer, in: area)
        let mapArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2)
        let scale = frame.scale(layer: frame.layer, channel: channel)
        let size = HeatMapRenderer.size(sourceWidth: output.shape[1], sourceHeight: output.shape[0], in: mapArea)
        let placed = Rect(x: mapArea.x + (mapArea.width - size.columns) / 2, y: mapArea.y,
                          width: size.columns, height: size.rows)
        let renderer = HeatMapRenderer(theme: theme)
        renderer.draw(Plane(channel: channel, of: output), scale: scale, into: &buffer, in: placed)
        // Colour bar under the map, labelled with the scale in use.
        let barRow = Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1)
        let x = buffer.write(frame.state.scaleMode.label + "  ", in: barRow, row: 0, style: theme.dim)
        renderer.drawColorBar(scale: scale, into: &buffer,
                              in: Rect(x: x, y: barRow.y, width: min(barRow.maxX - x, 64), height: 1))
    }
}

/// `ch 3/96  min …  max …  mean …  std …  2 non-finite`: the selected channel's own statistics.
struct ChannelHeadingView {
    let frame: Frame
    let statistics: LayerStatistics

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme, channel = frame.state.channel
        var x = buffer.write("ch \(channel) of \(statistics.channels.count)  ", in: area, row: 0, style: theme.title)
        guard channel < statistics.channels.count else { return }
        let stats = statistics.channels[channel]
        if stats.nonFinite > 0 {
            x = buffer.write("\(stats.nonFinite) non-finite  ", in: area, column: x - area.x, row: 0, style: theme.error)
        }
        buffer.write(Frame.describe(stats), in: area, column: x - area.x, row: 0)
    }
}

/// The main area of a layer that has no output yet.
func drawPending(_ frame: Frame, into buffer: inout ScreenBuffer, in area: Rect) {
    let message = frame.pendingMessage(for: frame.layer)
    buffer.write(message, in: area, column: max((area.width - message.count) / 2, 0), row: area.height / 2,
                 style: frame.theme.warning)
}
