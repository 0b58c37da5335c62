extension Situation {
    /// The current lesson step's text with this run's numbers, as the lesson panel shows it;
    /// nil outside a lesson.
    func lessonPage(_ frame: Frame) -> LessonPanelView.Page? {
        guard let lesson, let index = frame.state.lessonStep, lesson.steps.indices.contains(index) else { return nil }
        let step = lesson.steps[index], numbers = LessonNumbers(frame: frame), pending = frame.theme.ellipsis
        let shown = { (text: String) in frame.theme.mode.usesColor ? text : Self.ascii(text) }
        return LessonPanelView.Page(
            lessonTitle: shown(lesson.title), step: index, stepCount: lesson.steps.count,
            title: shown(LessonText.resolve(step.title, with: numbers, pending: pending)),
            paragraphs: step.paragraphs.map { shown(LessonText.resolve($0, with: numbers, pending: pending)) })
    }

    /// The lesson's text in ASCII, for terminals drawn in ASCII (a non-UTF-8 locale among them):
    /// arrows and signs a lesson commonly uses spelled out, any other character a `?`.
    static func ascii(_ text: String) -> String {
        let spelled: [Character: String] = ["→": "->", "←": "<-", "↑": "Up", "↓": "Down", "±": "+/-", "…": "...",
                                            "·": "-", "×": "x", "−": "-", "–": "-", "—": "--", "’": "'", "‘": "'",
                                            "“": "\"", "”": "\"", "²": "^2", "≈": "~"]
        return String(text.flatMap { character -> String in
            character.isASCII ? String(character) : spelled[character] ?? "?"
        })
    }
}
