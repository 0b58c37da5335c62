/// A box listing every key binding, grouped by where it applies: drawn from the same table
/// `handle` dispatches from, so it cannot fall out of date.
struct HelpOverlay {
    let theme: Theme
    let keyMap: KeyMap

    func draw(into buffer: inout ScreenBuffer, in screen: Rect) {
        let unicode = theme.mode.usesColor
        // Global keys first, then those of one view, each saying where it applies.
        let ordered = BindingContext.allCases.flatMap { context in keyMap.bindings.filter { $0.context == context } }
        let lines = ordered.map { binding in
            (binding.keys.map { $0.label(unicode: unicode) }.joined(separator: " "),
             binding.context == .global ? binding.help : "\(binding.help) (\(binding.context.title))", theme.accent)
        }
        let keyWidth = lines.map(\.0.count).max() ?? 0
        let columnWidth = keyWidth + 3 + (lines.map(\.1.count).max() ?? 0)
        // Two columns side by side when one does not fit the height (more keys, small windows).
        let maxRows = max(screen.height - 4, 1)
        let columns = lines.count > maxRows ? 2 : 1
        let rows = (lines.count + columns - 1) / columns
        let width = min(columns * columnWidth + (columns - 1) * 3 + 4, screen.width - 2)
        let box = screen.centred(width: width, height: min(rows + 2, screen.height - 2))
        buffer.fill(box)
        drawBorder(into: &buffer, box: box)
        buffer.write(" keys (any key closes) ", in: box, column: 2, row: 0, style: theme.title)
        let inner = box.inset(dx: 2, dy: 1)
        for (index, line) in lines.enumerated() {
            let (column, row) = (index / rows, index % rows)
            let area = Rect(x: inner.x + column * (columnWidth + 3), y: inner.y,
                            width: min(columnWidth, inner.maxX - (inner.x + column * (columnWidth + 3))),
                            height: inner.height)
            let x = buffer.write(Format.pad(line.0, to: keyWidth) + "   ", in: area, row: row, style: line.2)
            buffer.write(line.1, in: area, column: x - area.x, row: row)
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
