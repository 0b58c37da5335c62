import Testing
@testable import Explorer

/// The lesson panel's text layout: words wrapped to the column, the keys on the last row, text
/// that does not fit shown a page at a time.
@Suite struct LessonPanelViewTests {
    @Test func wrapsBetweenWordsAndCutsLongWords() {
        #expect(LessonPanelView.wrap("conv1 slides 96 filters over the image", width: 12)
                == ["conv1 slides", "96 filters", "over the", "image"])
        #expect(LessonPanelView.wrap("a abcdefghij b", width: 4) == ["a", "abcd", "efgh", "ij b"])
        #expect(LessonPanelView.wrap("  spaced   out  ", width: 20) == ["spaced out"])
        #expect(LessonPanelView.wrap("anything", width: 0).isEmpty)
    }

    @Test func theKeysStayOnTheLastRowAndLongTextIsShownAPageAtATime() {
        // 40 words, three to a line of 18 columns: 14 lines, after the title and a blank one.
        let page = LessonPanelView.Page(lessonTitle: "Tour", step: 2, stepCount: 13, title: "Stride",
                                        paragraphs: [String(repeating: "word ", count: 40)])
        let area = Rect(x: 0, y: 0, width: 20, height: 8)
        func drawn(textPage: Int) -> [String] {
            var buffer = ScreenBuffer(width: 20, height: 8)
            LessonPanelView(page: page, textPage: textPage, theme: Theme(mode: .ascii)).draw(into: &buffer, in: area)
            return buffer.lines.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        // 16 lines, 5 to a page (8 rows less the heading, a blank row and the keys).
        #expect(LessonPanelView(page: page, theme: Theme(mode: .ascii)).pageCount(in: area) == 4)
        let www = "word word word"
        #expect(drawn(textPage: 0) == ["(1/4) 3/13 | Tour", "Stride", "", www, www, www, "", "Space/-> more, ..."])
        #expect(drawn(textPage: 1) == ["(2/4) 3/13 | Tour", www, www, www, www, www, "", "Space/-> more, ..."])
        #expect(drawn(textPage: 3) == ["(4/4) 3/13 | Tour", "word", "", "", "", "", "", "Space/-> next, ..."])
        // A page past the last (the screen grew since) shows the last.
        #expect(drawn(textPage: 9) == drawn(textPage: 3))
    }

    @Test func textThatFitsIsOnePageWithoutAPageNumber() {
        let page = LessonPanelView.Page(lessonTitle: "Tour", step: 0, stepCount: 13, title: "Input", paragraphs: ["short"])
        let area = Rect(x: 0, y: 0, width: 20, height: 8)
        var buffer = ScreenBuffer(width: 20, height: 8)
        let panel = LessonPanelView(page: page, theme: Theme(mode: .ascii))
        panel.draw(into: &buffer, in: area)
        #expect(panel.pageCount(in: area) == 1)
        #expect(buffer.lines[0].hasPrefix(" 1/13 | Tour"))
        #expect(buffer.lines[7].hasPrefix(" Space/-> next"))
    }
}

/// In ASCII the lesson's arrows and signs are spelled out, other characters replaced.
@Suite struct LessonPageTests {
    @Test func asciiSpellsOutArrowsAndReplacesTheRest() {
        #expect(Situation.ascii("Space or → next, ← back; ↑ ↓ move; ±1 … café") == "Space or -> next, <- back; Up Down move; +/-1 ... caf?")
    }
}
