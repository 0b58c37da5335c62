/// A box listing every key binding, grouped by where it applies: drawn from the same table
/// `handle` dispatches from, so it cannot fall out of date.
///
/// The list goes in columns side by side when one column does not fit the height. When even the
/// columns that fit the width cannot hold it, it shows one column a page at a time, with "more
/// above / below" markers and its position in the title; the help context's keys scroll it.
struct HelpOverlay {
    let theme: Theme
    let keyMap: KeyMap
    /// The first line shown when the list scrolls (clamped to the last full page when drawn).
    var scroll = 0

    /// One line of the list: a binding's keys and help, or (with no keys) a context's heading.
    struct Line: Equatable {
        let keys: String
        let help: String
        var isHeading: Bool { keys.isEmpty }
    }

    /// Where the list goes: the box, its columns, the lines per column (a page when it scrolls).
    struct Placement: Equatable {
        let box: Rect
        let columns: Int
        let rows: Int
        let scrolls: Bool
    }

    /// Every binding, global ones first, then those of one context under its heading; bindings
    /// that share their help text (the cursor's four arrows) share a line.
    func lines() -> [Line] {
        let unicode = theme.mode.usesColor
        let arrows: Set<Key> = [.up, .down, .left, .right]
        var lines: [Line] = []
        for context in BindingContext.allCases {
            var groups: [(keys: [Key], help: String)] = []
            for binding in keyMap.bindings where binding.context == context {
                if let last = groups.last, last.help == binding.help {
                    groups[groups.count - 1].keys += binding.keys
                } else {
                    groups.append((binding.keys, binding.help))
                }
            }
            guard !groups.isEmpty else { continue }
            if context != .global { lines.append(Line(keys: "", help: "\(context.title):")) }
            lines += groups.map { group in
                let keys = group.keys.count == 4 && Set(group.keys) == arrows
                    ? (unicode ? "↑↓←→" : "arrows") : group.keys.map { $0.label(unicode: unicode) }.joined(separator: " ")
                return Line(keys: keys, help: group.help)
            }
        }
        return lines
    }

    /// The bottom border's text: how to scroll (when the list scrolls) and how to close, with
    /// the keys the table binds to those actions.
    func footer(scrolls: Bool) -> String {
        let unicode = theme.mode.usesColor
        func keys(where include: (KeyBinding) -> Bool) -> String {
            keyMap.bindings.filter(include).compactMap { $0.keys.first?.label(unicode: unicode) }.joined(separator: " ")
        }
        let close = keys { [.toggleHelp, .leaveOrQuit].contains($0.action) } + ": close"
        guard scrolls else { return close }
        return keys { $0.context == .help } + ": scroll" + theme.separator + close
    }

    /// How `lines` fit `screen`: columns when they fit the width, otherwise one scrolling column.
    func placement(of lines: [Line], in screen: Rect) -> Placement {
        let keyWidth = lines.map(\.keys.count).max() ?? 0
        let fullWidth = keyWidth + 3 + (lines.map(\.help.count).max() ?? 0)
        let maxRows = max(screen.height - 2, 1)
        let fittingColumns = max((screen.width - 4 + 3) / (fullWidth + 3), 1)
        let neededColumns = (lines.count + maxRows - 1) / maxRows
        let scrolls = neededColumns > fittingColumns
        let columns = scrolls ? 1 : max(neededColumns, 1)
        // A scrolling page keeps a row above and below the lines for the markers.
        let rows = scrolls ? max(maxRows - 2, 1) : (lines.count + columns - 1) / columns
        let width = max(columns * fullWidth + (columns - 1) * 3, footer(scrolls: scrolls).count) + 4
        let box = screen.centred(width: width, height: (scrolls ? maxRows : rows) + 2)
        return Placement(box: box, columns: columns, rows: rows, scrolls: scrolls)
    }

    /// The first line shown after `move` on `screen` (0 when the list does not scroll).
    func scrolled(_ move: HelpScroll, in screen: Rect) -> Int {
        let lines = self.lines(), placement = self.placement(of: lines, in: screen)
        guard placement.scrolls else { return 0 }
        let current = clamped(scroll, lines: lines.count, rows: placement.rows)
        let target = switch move {
        case .lineUp: current - 1
        case .lineDown: current + 1
        case .pageUp: current - placement.rows
        case .pageDown: current + placement.rows
        case .top: 0
        case .end: lines.count
        }
        return clamped(target, lines: lines.count, rows: placement.rows)
    }

    private func clamped(_ scroll: Int, lines: Int, rows: Int) -> Int {
        min(max(scroll, 0), max(lines - rows, 0))
    }

    func draw(into buffer: inout ScreenBuffer, in screen: Rect) {
        let lines = self.lines(), placement = self.placement(of: lines, in: screen)
        let box = placement.box, rows = placement.rows
        buffer.fill(box)
        drawBorder(into: &buffer, box: box)
        let inner = box.inset(dx: 2, dy: 1)
        let shown: ArraySlice<Line>
        var title = " keys "
        var top = 0
        if placement.scrolls {
            let first = clamped(scroll, lines: lines.count, rows: rows)
            shown = lines[first..<min(first + rows, lines.count)]
            title += "\(first + 1)-\(shown.endIndex) of \(lines.count) "
            let (up, down) = theme.mode.usesColor ? ("▲", "▼") : ("^", "v")
            if first > 0 {
                buffer.write("\(up) \(first) more above", in: inner, row: 0, style: theme.dim)
            }
            if shown.endIndex < lines.count {
                buffer.write("\(down) \(lines.count - shown.endIndex) more below", in: inner, row: rows + 1, style: theme.dim)
            }
            top = 1
        } else {
            shown = lines[...]
        }
        buffer.write(title, in: box, column: 2, row: 0, style: theme.title)
        let footerText = Format.truncate(" \(footer(scrolls: placement.scrolls)) ", to: box.width - 4, ellipsis: theme.ellipsis)
        buffer.write(footerText, in: box, column: 2, row: box.height - 1, style: theme.dim)
        let columnWidth = max((inner.width - (placement.columns - 1) * 3) / placement.columns, 1)
        let columnStarts = Array(stride(from: shown.startIndex, to: shown.endIndex, by: rows))
        for (column, start) in columnStarts.enumerated() {
            let columnLines = shown[start..<min(start + rows, shown.endIndex)]
            // Each column's keys as wide as its own longest, leaving its help text the most room.
            let keyWidth = columnLines.map(\.keys.count).max() ?? 0
            let area = Rect(x: inner.x + column * (columnWidth + 3), y: inner.y + top, width: columnWidth, height: rows)
            for (row, line) in columnLines.enumerated() {
                guard !line.isHeading else {
                    buffer.write(Format.truncate(line.help, to: area.width, ellipsis: theme.ellipsis), in: area, row: row,
                                 style: theme.title)
                    continue
                }
                let x = buffer.write(Format.pad(line.keys, to: keyWidth) + "   ", in: area, row: row, style: theme.accent)
                buffer.write(Format.truncate(line.help, to: area.maxX - x, ellipsis: theme.ellipsis), in: area,
                             column: x - area.x, row: row)
            }
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
