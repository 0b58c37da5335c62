/// Left column: every layer with its output shape and time; the current one highlighted, the
/// ones not computed yet dimmed, layers whose output nothing reads marked `unused`.
struct LayerListView {
    let frame: Frame

    static let shapeWidth = 9
    static let timeWidth = 7

    /// Returns each layer's row, for clicks.
    @discardableResult
    func draw(into buffer: inout ScreenBuffer, in area: Rect) -> HitMap {
        var hits = HitMap()
        let theme = frame.theme, nodes = frame.network.nodes, published = frame.published
        // With the cell cursor on, the last column shows receptive fields (size/step) instead.
        let showFields = frame.cursor != nil
        let nameWidth = max(area.width - 3 - Self.shapeWidth - Self.timeWidth - 1, 4)
        buffer.write(" " + Format.pad("layer", to: nameWidth) + " " + Format.pad("output", to: Self.shapeWidth)
                     + " " + Format.pad(showFields ? "rf/step" : "time", to: Self.timeWidth, right: true),
                     in: area, row: 0, style: theme.dim)
        let visible = area.height - 1
        guard visible > 0 else { return hits }
        let first = min(max(frame.layer - visible / 2, 0), max(nodes.count - visible, 0))
        let unused = frame.network.unusedLayers
        for (row, index) in (first..<min(first + visible, nodes.count)).enumerated() {
            let node = nodes[index]
            let computed = index < published.computedCount
            let computing = published.activity == .computing(layer: index)
            let time: String
            let timeStyle: Style
            if showFields {
                let field = frame.receptiveFields.indices.contains(index) ? frame.receptiveFields[index] : nil
                (time, timeStyle) = (field.map { "\($0.height)/\($0.jumpY)" } ?? "", theme.accent)
            } else if unused.contains(index) {
                (time, timeStyle) = ("unused", theme.warning)
            } else if computing {
                (time, timeStyle) = (theme.ellipsis, theme.warning)
            } else if let timing = frame.timing(index) {
                (time, timeStyle) = (timing.listCell, theme.text)
            } else {
                (time, timeStyle) = ("", theme.text)
            }
            hits.add(Rect(x: area.x, y: area.y + row + 1, width: area.width, height: 1), .layer(index))
            let rowStyle = computed ? theme.text : theme.dim
            let current = index == frame.layer
            var x = buffer.write(current ? (theme.mode.usesColor ? "▸" : ">") : " ", in: area, row: row + 1,
                                 style: theme.highlight)
            x = buffer.write(Format.pad(Format.truncate(node.layer.name, to: nameWidth, ellipsis: theme.ellipsis),
                                        to: nameWidth) + " ",
                             in: area, column: x - area.x, row: row + 1, style: rowStyle)
            x = buffer.write(Format.pad(node.outputShape.description, to: Self.shapeWidth) + " ",
                             in: area, column: x - area.x, row: row + 1, style: rowStyle)
            buffer.write(Format.pad(time, to: Self.timeWidth, right: true), in: area, column: x - area.x,
                         row: row + 1, style: computed || computing || unused.contains(index) || showFields ? timeStyle : theme.dim)
            if current {
                buffer.applyStyle(theme.selected, to: Rect(x: area.x + 1, y: area.y + row + 1,
                                                           width: area.width - 1, height: 1))
            }
        }
        // Totals under the list when there is room.
        let totalRow = min(nodes.count, visible) + 2
        if totalRow < area.height {
            let computed = published.computedCount
            buffer.write(" \(computed)/\(nodes.count) computed, \(Format.milliseconds(frame.totalSeconds))",
                         in: area, row: totalRow, style: theme.dim)
            // What `~` and `r` mean, once a time carries one.
            let marked = (0..<computed).contains { index in
                if case .firstRun = frame.timing(index)?.kind { return false }
                return frame.timing(index) != nil
            }
            if marked, totalRow + 1 < area.height, !showFields {
                buffer.write(" " + ShownTiming.legend, in: area, row: totalRow + 1, style: theme.dim)
            }
        }
        return hits
    }
}
