/// A foreground, background and attributes applied together.
public struct Style: Hashable, Sendable {
    public var foreground: CellColor
    public var background: CellColor
    public var attributes: CellAttributes

    public init(_ foreground: CellColor = .terminalDefault, background: CellColor = .terminalDefault,
                attributes: CellAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()
}

/// The characters and styles the views draw with, chosen once per colour mode: ASCII mode uses
/// only ASCII characters and marks the selection with reverse video instead of a background.
public struct Theme: Sendable {
    public let mode: ColorMode

    // Characters.
    public let arrow: String
    public let ellipsis: String
    public let separator: String
    /// Eighth-steps 0…8 of a vertical bar (histograms).
    public let verticalEighths: [Character]
    /// Eighth-steps 0…8 of a horizontal bar (bar charts).
    public let horizontalEighths: [Character]
    /// Brightness ramp for ASCII heat-maps, dark to bright.
    public let ramp: [Character]
    public let horizontalLine: Character
    public let verticalLine: Character

    // Styles.
    public let text = Style()
    public let dim: Style
    public let title: Style
    public let accent: Style
    public let selected: Style
    public let warning: Style
    public let error: Style
    public let good: Style
    public let border: Style
    public let highlight: Style

    public init(mode: ColorMode) {
        self.mode = mode
        let unicode = mode.usesColor
        arrow = unicode ? "→" : "->"
        ellipsis = unicode ? "…" : "..."
        separator = unicode ? " │ " : " | "
        verticalEighths = unicode ? [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
                                  : [" ", "_", "_", "-", "-", "=", "=", "#", "#"]
        horizontalEighths = unicode ? [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
                                    : [" ", " ", " ", " ", "=", "=", "=", "=", "#"]
        ramp = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
        horizontalLine = unicode ? "─" : "-"
        verticalLine = unicode ? "│" : "|"
        dim = Style(.role(.dim), attributes: unicode ? [] : [.dim])
        title = Style(.role(.title), attributes: [.bold])
        accent = Style(.role(.accent))
        selected = unicode ? Style(.role(.highlight), background: .role(.selection), attributes: [.bold])
                           : Style(attributes: [.reverse, .bold])
        warning = Style(.role(.warning), attributes: [.bold])
        error = Style(.role(.error), attributes: [.bold])
        good = Style(.role(.good))
        border = Style(.role(.border))
        highlight = Style(.role(.highlight), attributes: [.bold])
    }
}
