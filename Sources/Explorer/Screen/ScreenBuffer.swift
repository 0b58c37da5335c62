/// What a colour means on screen; mapped to terminal colours in one place (`Palette`).
public enum ColorRole: Hashable, Sendable, CaseIterable {
    case text, dim, accent, highlight, selection, warning, error, border, title, good
}

/// A cell's colour: the terminal's default, a semantic role, or an exact colour for data
/// (heat-maps, the input image), which the palette reduces to what the terminal can show.
public enum CellColor: Hashable, Sendable {
    case terminalDefault
    case role(ColorRole)
    case rgb(UInt8, UInt8, UInt8)
}

public struct CellAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = CellAttributes(rawValue: 1 << 0)
    public static let dim = CellAttributes(rawValue: 1 << 1)
    public static let reverse = CellAttributes(rawValue: 1 << 2)
    public static let underline = CellAttributes(rawValue: 1 << 3)
}

/// One character cell of the screen.
public struct Cell: Hashable, Sendable {
    /// A single-column character.
    public var character: Character
    public var foreground: CellColor
    public var background: CellColor
    public var attributes: CellAttributes

    public init(_ character: Character = " ", foreground: CellColor = .terminalDefault,
                background: CellColor = .terminalDefault, attributes: CellAttributes = []) {
        self.character = character
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let blank = Cell()
}

/// A grid of cells that views draw into and a terminal paints; testable as lines of text.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major, `width * height` cells.
    public private(set) var cells: [Cell]
    /// Every text a `write` had to cut at its width or the screen's edge, other than spaces: the
    /// check that no view cuts a word or a number reads these. Not part of equality.
    public private(set) var cutTexts: [CutText] = []

    /// A text that did not fit where it was written.
    public struct CutText: Equatable, Sendable {
        public let x, y: Int
        /// What the screen shows, and what did not fit.
        public let shown, lost: String
    }

    public static func == (a: ScreenBuffer, b: ScreenBuffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells
    }

    public init(width: Int, height: Int) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The cell at column `x`, row `y`; writes outside the buffer are ignored, reads give a blank.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { if contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Writes `text` from column `x` of row `y`, clipped at `maxWidth` columns and the right edge;
    /// returns the column after the last character written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, foreground: CellColor = .terminalDefault,
                               background: CellColor = .terminalDefault, attributes: CellAttributes = [],
                               maxWidth: Int = .max) -> Int {
        var column = x
        for (offset, character) in zip(text.indices, text) {
            guard column - x < maxWidth, column < width else {
                let lost = text[offset...]
                if y >= 0, y < height, lost.contains(where: { $0 != " " }) {
                    cutTexts.append(CutText(x: x, y: y, shown: String(text[..<offset]), lost: String(lost)))
                }
                break
            }
            self[column, y] = Cell(character, foreground: foreground, background: background, attributes: attributes)
            column += 1
        }
        return column
    }

    /// Fills a rectangle with `cell`.
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, with cell: Cell = .blank) {
        let rows = max(y, 0)..<max(min(y + height, self.height), max(y, 0))
        let columns = max(x, 0)..<max(min(x + width, self.width), max(x, 0))
        for row in rows {
            for column in columns { cells[row * self.width + column] = cell }
        }
    }

    /// The characters of each row, trailing spaces kept: what snapshot tests compare.
    public var lines: [String] {
        (0..<height).map { row in String(cells[row * width..<(row + 1) * width].map(\.character)) }
    }
}
