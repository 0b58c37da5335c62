/// A box listing every key binding, grouped by where it applies: drawn from the same table
/// `handle` dispatches from, so it cannot fall out of date.
struct HelpOverlay {
    let theme: Theme
    let keyMap: KeyMap

    func draw(into buffer: inout ScreenBuffer, in screen: Rect) {
        let unicode = theme.mode.usesColor
        // Global keys first, then those of one view, each saying where it applies; bindings that
        // share their help text (the cursor's four arrows) share a line.
        let ordered = BindingContext.allCases.flatMap { context in keyMap.bindings.filter { $0.context == context } }
        var groups: [(keys: [Key], help: String)] = []
        var previous: KeyBinding?
        for binding in ordered {
            if let last = previous, last.help == binding.help, last.context == binding.context {
                groups[groups.count - 1].keys += binding.keys
            } else {
                groups.append((binding.keys, binding.context == .global ? binding.help : "\(binding.help) (\(binding.context.title))"))
            }
            previous = binding
        }
        let arrows: Set<Key> = [.up, .down, .left, .right]
        let lines = groups.map { group -> (keys: String, help: String) in
            if group.keys.count == 4, Set(group.keys) == arrows { return (unicode ? "↑↓←→" : "arrows", group.help) }
            return (group.keys.map { $0.label(unicode: unicode) }.joined(separator: " "), group.help)
        }
        let fullWidth = (lines.map(\.keys.count).max() ?? 0) + 3 + (lines.map(\.help.count).max() ?? 0)
        // More columns side by side when one does not fit the height; narrower columns (help
        // cut short) when those do not fit the width.
        let maxRows = max(screen.height - 2, 1)
        let columns = max((lines.count + maxRows - 1) / maxRows, 1)
        let rows = (lines.count + columns - 1) / columns
        let columnWidth = min(fullWidth, max((screen.width - 4 - (columns - 1) * 3) / columns, 1))
        let width = min(columns * columnWidth + (columns - 1) * 3 + 4, screen.width)
        let box = screen.centred(width: width, height: min(rows + 2, screen.height))
        buffer.fill(box)
        drawBorder(into: &buffer, box: box)
        buffer.write(" keys (any key closes) ", in: box, column: 2, row: 0, style: theme.title)
        let inner = box.inset(dx: 2, dy: 1)
        // Each column's keys as wide as its own longest, leaving its help text the most room.
        let keyWidths = stride(from: 0, to: lines.count, by: rows).map { start in
            lines[start..<min(start + rows, lines.count)].map(\.keys.count).max() ?? 0
        }
        for (index, line) in lines.enumerated() {
            let (column, row) = (index / rows, index % rows)
            let keyWidth = keyWidths[column]
            let area = Rect(x: inner.x + column * (columnWidth + 3), y: inner.y, width: columnWidth, height: inner.height)
            let x = buffer.write(Format.pad(line.keys, to: keyWidth) + "   ", in: area, row: row, style: theme.accent)
            let room = area.maxX - x
            buffer.write(Format.truncate(line.help, to: room, ellipsis: theme.ellipsis), in: area, column: x - area.x, row: row)
        }
    }

    private func drawBorder(into buffer: inout ScreenBuffer, box: Rect) {
        let style = theme.border
        let horizontal = Cell(theme.horizontalLine, foreground: style.foreground)
        let vertical = Cell(theme.verticalLine, foreground: style.foreground)
        buffer.fill(Rect(x: box.x, y: box.y, width: box.width, height: 1), with: horizontal)
        buffer.fill(Rect(x: box.x, y: box.maxY - 1, width: box.width, height: 1), with: horizontal)
        buffer.fill(Rect(x: box.x, y: box.y, width: 1, height: box.height), with: vertical)
        buffer.fill(Rect(x: box.maxX - 1, y: box.y, width: 1, height: box.height), with: vertical)
        let corners: [Character] = theme.mode.usesColor ? ["┌", "┐", "└", "┘"] : ["+", "+", "+", "+"]
        buffer[box.x, box.y] = Cell(corners[0], foreground: style.foreground)
        buffer[box.maxX - 1, box.y] = Cell(corners[1], foreground: style.foreground)
        buffer[box.x, box.maxY - 1] = Cell(corners[2], foreground: style.foreground)
        buffer[box.maxX - 1, box.maxY - 1] = Cell(corners[3], foreground: style.foreground)
    }
}
