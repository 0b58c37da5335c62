/// A rectangle of cells: where a view or renderer may draw.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(width, 0)
        self.height = max(height, 0)
    }

    public var isEmpty: Bool { width == 0 || height == 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The top `rows` rows, and what is left below them.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let taken = min(max(rows, 0), height)
        return (Rect(x: x, y: y, width: width, height: taken),
                Rect(x: x, y: y + taken, width: width, height: height - taken))
    }

    /// The left `columns` columns, and what is left to their right.
    public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let taken = min(max(columns, 0), width)
        return (Rect(x: x, y: y, width: taken, height: height),
                Rect(x: x + taken, y: y, width: width - taken, height: height))
    }

    /// This rectangle shrunk by `dx` columns and `dy` rows on each side.
    public func inset(dx: Int, dy: Int) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }

    /// A rectangle of `width` x `height` centred in this one (clipped to it).
    public func centred(width: Int, height: Int) -> Rect {
        let w = min(width, self.width), h = min(height, self.height)
        return Rect(x: x + (self.width - w) / 2, y: y + (self.height - h) / 2, width: w, height: h)
    }
}

extension ScreenBuffer {
    /// Writes `text` on row `row` of `rect` from column `column` (relative), within the
    /// rectangle; returns the absolute column after the last character written.
    ///
    /// Text with words or numbers that does not fit is cut after its last whole word, with an
    /// ellipsis (`...` for ASCII text), so that no word or number is shown cut; drawing (rules,
    /// bars) is clipped. Views choose shorter forms first; this is the last resort.
    @discardableResult
    public mutating func write(_ text: String, in rect: Rect, column: Int = 0, row: Int, style: Style = .plain) -> Int {
        guard row >= 0, row < rect.height, column < rect.width else { return rect.x + column }
        let room = rect.width - column
        var text = text
        if text.count > room, text.contains(where: { $0.isLetter || $0.isNumber }) {
            text = Format.fit(text, to: room, ellipsis: text.allSatisfy(\.isASCII) ? "..." : "…")
        }
        return write(text, x: rect.x + column, y: rect.y + row, foreground: style.foreground,
                     background: style.background, attributes: style.attributes, maxWidth: rect.width - column)
    }

    /// Fills `rect` with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height, with: cell)
    }

    /// Sets the style of every cell of `rect`, keeping the characters (highlighting a row).
    public mutating func applyStyle(_ style: Style, to rect: Rect) {
        for row in max(rect.y, 0)..<max(min(rect.maxY, height), max(rect.y, 0)) {
            for column in max(rect.x, 0)..<max(min(rect.maxX, width), max(rect.x, 0)) {
                var cell = self[column, row]
                cell.foreground = style.foreground
                cell.background = style.background
                cell.attributes = style.attributes
                self[column, row] = cell
            }
        }
    }
}
