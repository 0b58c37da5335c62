import Testing
@testable import Explorer

/// The lesson panel's text layout: words wrapped to the column, the keys on the last row, text
/// that does not fit cut with an ellipsis.
@Suite struct LessonPanelViewTests {
    @Test func wrapsBetweenWordsAndCutsLongWords() {
        #expect(LessonPanelView.wrap("conv1 slides 96 filters over the image", width: 12)
                == ["conv1 slides", "96 filters", "over the", "image"])
        #expect(LessonPanelView.wrap("a abcdefghij b", width: 4) == ["a", "abcd", "efgh", "ij b"])
        #expect(LessonPanelView.wrap("  spaced   out  ", width: 20) == ["spaced out"])
        #expect(LessonPanelView.wrap("anything", width: 0).isEmpty)
    }

    @Test func theKeysStayOnTheLastRowAndLongTextEndsWithAnEllipsis() {
        let page = LessonPanelView.Page(lessonTitle: "Tour", step: 2, stepCount: 13, title: "Stride",
                                        paragraphs: [String(repeating: "word ", count: 40)])
        var buffer = ScreenBuffer(width: 20, height: 8)
        LessonPanelView(page: page, theme: Theme(mode: .ascii)).draw(into: &buffer, in: Rect(x: 0, y: 0, width: 20, height: 8))
        let expected = [" 3/13 | Tour", " Stride", "", " word word word", " word word word", " word word word ...", "",
                        " Space/-> next, ..."]
        #expect(buffer.lines == expected.map { $0.padding(toLength: 20, withPad: " ", startingAt: 0) })
    }
}

/// In ASCII the lesson's arrows and signs are spelled out, other characters replaced.
@Suite struct LessonPageTests {
    @Test func asciiSpellsOutArrowsAndReplacesTheRest() {
        #expect(Situation.ascii("Space or → next, ← back; ↑ ↓ move; ±1 … café") == "Space or -> next, <- back; Up Down move; +/-1 ... caf?")
    }
}
