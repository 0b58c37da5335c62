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
    /// Which page of the step's text is shown (from 0), when it takes more than the column:
    /// Space shows the rest before it goes to the next step. Kept within the pages there are.
    var textPage = 0
    let theme: Theme

    /// The column on a screen `width` wide: two fifths, so that a step's text fits at 80x24.
    static func width(for screen: Int) -> Int { screen * 2 / 5 }

    /// How many pages the step's text takes in `area`: 1 when it fits.
    func pageCount(in area: Rect) -> Int {
        let layout = Layout(area: area)
        guard layout.rows > 0 else { return 1 }
        return max(1, (lines(width: layout.text.width).count + layout.rows - 1) / layout.rows)
    }

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        guard area.width > 2, area.height > 2 else { return }
        let layout = Layout(area: area), text = layout.text
        let pages = pageCount(in: area), shownPage = min(max(textPage, 0), pages - 1)
        var heading = "\(page.step + 1)/\(page.stepCount)" + (page.lessonTitle.isEmpty ? "" : theme.separator + page.lessonTitle)
        if pages > 1 { heading = "(\(shownPage + 1)/\(pages)) " + heading }
        buffer.write(Format.truncate(heading, to: text.width, ellipsis: theme.ellipsis), in: text, row: 0, style: theme.dim)
        // The keys stay on the last row, above it a page of the text.
        let shown = lines(width: text.width).dropFirst(shownPage * layout.rows).prefix(max(layout.rows, 0))
        for (row, (line, style)) in shown.enumerated() {
            buffer.write(line, in: text, row: row + 1, style: style)
        }
        let next = shownPage + 1 < pages ? "more" : "next"
        let keys = theme.mode.usesColor ? "Space/→ \(next) · ← back · Esc leave" : "Space/-> \(next), <- back, Esc leave"
        buffer.write(Format.truncate(keys, to: text.width, ellipsis: theme.ellipsis), in: text, row: text.height - 1,
                     style: theme.dim)
    }

    /// The title and paragraphs wrapped to `width`, a blank line before each paragraph.
    private func lines(width: Int) -> [(String, Style)] {
        var lines = Self.wrap(page.title, width: width).map { ($0, theme.title) }
        for paragraph in page.paragraphs {
            lines.append(("", theme.text))
            lines += Self.wrap(paragraph, width: width).map { ($0, theme.text) }
        }
        return lines
    }

    /// The column less a margin each side; the heading takes its first row, the keys its last,
    /// and a blank row stays above them.
    private struct Layout {
        let text: Rect
        var rows: Int { text.height - 3 }
        init(area: Rect) { text = area.inset(dx: 1, dy: 0) }
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
