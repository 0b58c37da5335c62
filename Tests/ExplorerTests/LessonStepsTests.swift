import Engine
import Testing
@testable import Explorer

/// The lesson keys on both presets (reduced widths): `L` starts the built-in lesson, Space and →
/// go to each step's layer, view, channel and cursor, ← goes back, Esc leaves; other keys still
/// work inside; the panel's text has every placeholder filled. Snapshots of the lesson panel.
@Suite struct LessonStepsTests {
    /// The view the explorer shows for a step's `view:`.
    static func expectedView(_ view: LessonView, isMap: Bool, isClassifier: Bool) -> ViewKind {
        switch view {
        case .map: .map
        case .grid: .grid
        case .vector: .vector
        case .topK: .topK
        case .input, .receptiveField: .input
        case .timing: .timing
        case .arithmetic: .arithmetic
        case .filters: .filters
        case .scales: .scales
        case .before: isMap ? .map : (isClassifier ? .topK : .vector)
        }
    }

    @Test(arguments: [Preset.seed, .alexnet])
    func theBuiltInLessonGoesWhereEachStepSays(preset: Preset) throws {
        let app = try ArithmeticViewTests.presetApp(preset, colorMode: .trueColor)
        let lesson = try #require(app.lesson)
        app.press(.character("L"))
        for (index, step) in lesson.steps.enumerated() {
            if index > 0 { app.press(index % 2 == 0 ? .character(" ") : .right) }
            let layer = try #require(app.network.index(of: step.layer))
            let isMap = app.network.nodes[layer].outputShape.isFeatureMap
            #expect(app.state.lessonStep == index)
            #expect(app.state.layer == layer, "step \(index + 1): \(step.layer)")
            #expect(app.currentView == Self.expectedView(step.view, isMap: isMap, isClassifier: layer == app.network.nodes.count - 1),
                    "step \(index + 1): \(step.view)")
            #expect(app.state.preActivation == (step.view == .before))
            if let cursor = step.cursor { #expect(app.state.cursor == CellPosition(y: cursor.y, x: cursor.x)) }
            if let channel = step.channel, isMap { #expect(app.state.channel == channel) }
            let page = try #require(app.frame.lessonPage)
            for text in [page.title] + page.paragraphs {
                #expect(!text.contains("{") && !text.contains("}") && !text.contains("…") && !text.contains("nil"),
                        "step \(index + 1) unfilled: \(text)")
            }
            let screen = app.render(width: 160, height: 48).lines.joined(separator: "\n")
            #expect(screen.contains(" \(index + 1)/\(lesson.steps.count) "), "step \(index + 1) not on screen")
        }
        // Past the end nothing happens; ← goes back; Esc leaves, then quits.
        #expect(app.handle(.right) == .ignored)
        app.press(.left)
        #expect(app.state.lessonStep == lesson.steps.count - 2)
        app.press(.escape)
        #expect(app.state.lessonStep == nil && app.frame.lessonPage == nil)
        #expect(app.handle(.escape) == .quit)
    }

    @Test func otherKeysStillWorkInsideALessonAndLLeavesIt() throws {
        let app = try ArithmeticViewTests.presetApp(.seed, colorMode: .trueColor)
        app.press(.character("L"), .right)                 // conv1's arithmetic, cursor on
        app.press(.down)                                   // ↓ still moves the cursor
        #expect(app.state.cursor == CellPosition(y: 21, x: 20))
        app.press(.character("w"))
        #expect(app.currentView == .filters && app.state.lessonStep == 1)
        app.press(.character("?"))
        app.press(.escape)                                 // closes help, stays in the lesson
        #expect(!app.state.showHelp && app.state.lessonStep == 1)
        app.press(.character("L"))
        #expect(app.state.lessonStep == nil)
    }

    /// At the smallest screen the first step's text takes several pages: Space shows each, and
    /// every word of the step, before it goes on; ← goes back a page, then a step.
    @Test func spaceShowsTheRestOfAStepThatDoesNotFitBeforeTheNextStep() throws {
        let app = try ArithmeticViewTests.presetApp(.seed, colorMode: .ascii)
        app.press(.character("L"))
        let page = try #require(app.frame.lessonPage)
        let column = LessonPanelView.width(for: 60)
        /// The step's words on the screen: the lesson column's text rows, heading and keys left out.
        func shownWords() -> [Substring] {
            let lines = app.render(width: 60, height: 16).lines
            return lines[2..<lines.count - 3].flatMap { $0.prefix(column).split(separator: " ") }
        }
        var words = shownWords()
        let pages = app.situation.lessonTextPages
        #expect(pages > 1)
        for textPage in 1..<pages {
            app.press(.character(" "))
            #expect(app.state.lessonStep == 0 && app.state.lessonTextPage == textPage)
            words += shownWords()
        }
        #expect(words == ([page.title] + page.paragraphs).flatMap { $0.split(separator: " ") })
        app.press(.left)
        #expect(app.state.lessonStep == 0 && app.state.lessonTextPage == pages - 2)
        for _ in 0..<pages - 2 { app.press(.left) }
        #expect(app.state.lessonStep == 0 && app.state.lessonTextPage == 0)
        for _ in 1..<pages { app.press(.right) }
        #expect(app.state.lessonStep == 0 && app.state.lessonTextPage == pages - 1)
        app.press(.right)
        #expect(app.state.lessonStep == 1 && app.state.lessonTextPage == 0)
        // The step before starts from its first page.
        app.press(.left)
        #expect(app.state.lessonStep == 0 && app.state.lessonTextPage == 0)
    }

    @Test func aNetworkThatIsNeitherPresetHasNoLesson() throws {
        let app = try TestNetwork.app()
        #expect(app.lesson == nil)
        app.press(.character("L"))
        #expect(app.state.lessonStep == nil)
        #expect(app.state.message == "no lesson for this network: lessons name the layers of seed and alexnet")
    }

    /// The lesson panel beside conv1's arithmetic (step 2) and the top classes (step 12).
    @Test(arguments: [("lesson-conv1", 1), ("lesson-topk", 11)])
    func lessonPanelMatchesSnapshot(scene: String, step: Int) throws {
        for mode in [ColorMode.trueColor, .ascii] {
            let app = try ArithmeticViewTests.presetApp(.seed, colorMode: mode)
            app.press(.character("L"))
            for _ in 0..<step { app.press(.character(" ")) }
            for (width, height) in ExplorerSnapshotTests.sizes {
                assertSnapshot(app.render(width: width, height: height),
                               named: "\(scene)-\(width)x\(height)-\(mode == .ascii ? "ascii" : "color")", includeStyles: mode != .ascii)
            }
        }
    }
}
