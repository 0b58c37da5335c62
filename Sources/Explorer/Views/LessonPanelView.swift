/// The lesson's text in the left column (where the layer list is otherwise): the step's number
/// and title, its paragraphs wrapped to the column, and the keys that move through the lesson.
struct LessonPanelView {
    /// One step's text with this run's numbers filled in.
    struct Page: Equatable {
        let lessonTitle: String
        /// From 0.
        let step: Int
        let stepCount: Int
        let title: String
        let paragraphs: [String]
    }

    let page: Page
    let theme: Theme

    /// The column on a screen `width` wide: two fifths, so that a step's text fits at 80x24.
    static func width(for screen: Int) -> Int { screen * 2 / 5 }

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        guard area.width > 2, area.height > 2 else { return }
        let text = area.inset(dx: 1, dy: 0)
        let heading = "\(page.step + 1)/\(page.stepCount)" + (page.lessonTitle.isEmpty ? "" : theme.separator + page.lessonTitle)
        buffer.write(Format.truncate(heading, to: text.width, ellipsis: theme.ellipsis), in: text, row: 0, style: theme.dim)
        var lines = Self.wrap(page.title, width: text.width).map { ($0, theme.title) }
        for paragraph in page.paragraphs {
            lines.append(("", theme.text))
            lines += Self.wrap(paragraph, width: text.width).map { ($0, theme.text) }
        }
        // The keys stay on the last row; text that does not fit ends with an ellipsis.
        let rows = text.height - 3
        if lines.count > rows, rows > 0 {
            lines = Array(lines.prefix(rows))
            let (last, style) = lines[rows - 1]
            lines[rows - 1] = (Format.truncate(last + " " + theme.ellipsis, to: text.width, ellipsis: theme.ellipsis), style)
        }
        for (row, (line, style)) in lines.prefix(max(rows, 0)).enumerated() {
            buffer.write(line, in: text, row: row + 1, style: style)
        }
        let keys = theme.mode.usesColor ? "Space/→ next · ← back · Esc leave" : "Space/-> next, <- back, Esc leave"
        buffer.write(Format.truncate(keys, to: text.width, ellipsis: theme.ellipsis), in: text, row: text.height - 1,
                     style: theme.dim)
    }

    /// `text` broken between words into lines of at most `width` characters; a word longer than
    /// a line is cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            var word = Substring(word)
            if !line.isEmpty, line.count + 1 + word.count <= width {
                line += " " + word
                continue
            }
            if !line.isEmpty { lines.append(line) }
            while word.count > width {
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            line = String(word)
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
