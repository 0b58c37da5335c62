import Engine
import Testing
@testable import Explorer

/// The texts of a rendered buffer that lost part of a word or a number at a right edge.
///
/// Read from what the buffer recorded while views wrote into it (`cutTexts`): a cut is allowed
/// when the text shows an ellipsis where it stops, or when what was cut off is drawing (a rule,
/// bars, a ramp) and the cut falls between drawing characters or after a space.
enum TextFit {
    /// Rules, bars, heat-map ramps and block graphics.
    static func isDrawing(_ character: Character) -> Bool {
        if " .:-=+*#%@_|!".contains(character) { return true }
        guard let scalar = character.unicodeScalars.first else { return false }
        return (0x2500...0x259F).contains(scalar.value)  // box drawing, block elements
    }

    static func isAllowed(_ cut: ScreenBuffer.CutText) -> Bool {
        if cut.shown.hasSuffix("…") || cut.shown.hasSuffix("...") { return true }
        let lastShown = cut.shown.last ?? " "
        return cut.lost.allSatisfy(isDrawing) && isDrawing(lastShown)
    }

    /// One line per cut text: its row, what is shown and what was lost.
    static func cuts(in buffer: ScreenBuffer) -> [String] {
        buffer.cutTexts.filter { !isAllowed($0) }.map { "row \($0.y) col \($0.x): \"\($0.shown)\" lost \"\($0.lost)\"" }
    }
}

@Suite struct TextFitTests {
    /// The checker itself: it must catch a cut word and a number losing digits, and let an
    /// ellipsis or a rule through.
    @Test func checkerFindsCutWordsAndNumbersAndLetsEllipsesAndRulesThrough() {
        // An area's write never cuts a word: it ends with an ellipsis after the last whole one.
        var fitted = ScreenBuffer(width: 30, height: 1)
        fitted.write("100.0% of run so far", in: Rect(x: 0, y: 0, width: 18, height: 1), row: 0)
        #expect(snapshotText(fitted, includeStyles: false).hasPrefix("100.0% of run..."))
        #expect(TextFit.cuts(in: fitted).isEmpty)

        var buffer = ScreenBuffer(width: 40, height: 5)
        let area = Rect(x: 2, y: 0, width: 18, height: 5)
        // The plain write clips where it is told to (the area's write would end with an ellipsis).
        buffer.write("100.0% of run so far", x: 2, y: 0, maxWidth: 18)                     // lost "ar"
        buffer.write("min 0  max 5  std 0.2245", x: 0, y: 1, maxWidth: 21)                 // lost "245"
        buffer.write("random weights: these classes", in: Rect(x: 0, y: 2, width: 29, height: 1), row: 0)  // fits
        buffer.write(Format.fit("occlusion: a grey square moved", to: 18), in: area, row: 3)  // "…", a word left out
        buffer.write(String(repeating: "─", count: 60), in: area, row: 4)                  // a rule
        let cuts = TextFit.cuts(in: buffer)
        #expect(cuts.count == 2, "\(cuts)")
        #expect(cuts.first?.contains("lost \"ar\"") == true)
        #expect(cuts.last?.contains("lost \"245\"") == true)
    }

    /// Both presets on the sample, every layer in every view it has, with the teaching views, the
    /// help overlay, the roofline, full screen, every lesson step and every layer compared with a
    /// flipped input, at 80x24 and 100x30, in colour and ASCII: no text is cut.
    @Test(arguments: Preset.allCases)
    func noViewCutsATextAt80x24Or100x30(preset: Preset) throws {
        let (app, run) = try sampleExplorer(preset)
        app.press(.end, .home)
        app.waitUntilIdle()
        var problems: [String] = []
        func check(_ scene: String) {
            app.waitUntilIdle()
            for colour in ["color", "ascii"] {
                // c: truecolor → 256 → 16 → ASCII → truecolor.
                if colour == "ascii" { app.press(.character("c"), .character("c"), .character("c")) }
                for (width, height) in [(80, 24), (100, 30)] {
                    let buffer = app.render(width: width, height: height)
                    problems += TextFit.cuts(in: buffer).map { "\(preset) \(scene) \(width)x\(height) \(colour): \($0)" }
                }
                if colour == "ascii" { app.press(.character("c")) }
            }
        }
        /// Renders with `keys` pressed, then presses `keys` again to leave.
        func toggled(_ keys: [Key], _ scene: String) {
            app.press(keys)
            check(scene)
            app.press(keys)
        }
        for layer in run.network.nodes.indices {
            let name = run.network.nodes[layer].layer.name
            // The layer's own views (Tab cycles them with input and timing, shown once below).
            for view in app.situation.availableViews(for: layer) where view != .input && view != .timing {
                for _ in 0..<4 where app.currentView != view { app.press(.tab) }
                if app.currentView == view { check("\(name) \(view)") } else { problems.append("\(name): no Tab to \(view) (on \(app.currentView), override \(String(describing: app.state.override)))") }
            }
            for _ in 0..<4 where app.currentView != app.situation.availableViews(for: layer)[0] { app.press(.tab) }
            for key in ["a", "b", "w", "x"] { toggled([.character(Character(key))], "\(name) \(key)") }
            // `a` leaves the cell cursor on (the arithmetic needs a cell), and arrows then move it.
            app.state.cursor = nil
            app.press(.right)
        }
        toggled([.character("i")], "input")
        toggled([.character("t")], "timing")
        app.press(.character("t"), .character("r"))
        check("timing medians")
        app.press(.character("t"))
        app.press(.home)
        toggled([.character("?")], "help")
        toggled([.character("g")], "scales")
        toggled([.character("n")], "next strongest")
        toggled([.character("m")], "ranked by max")
        app.press(.character("o"))
        check("occlusion")
        app.press(.character("o"))
        toggled([.character("R")], "roofline")
        toggled([.character("f")], "full screen")
        // The built-in lesson, every step (Space moves on; Esc leaves).
        app.press(.character("L"))
        for step in 1...(app.lesson?.steps.count ?? 0) {
            check("lesson step \(step)")
            app.press(.character(" "))
        }
        app.press(.escape)
        // A second input (flip) beside the first: every layer's own view compared.
        app.allowComparison(ComparisonChoices(given: nil, givenTensor: nil, preprocessing: preset.preprocessing, seed: 0),
                            showing: 0)
        app.press(.home)
        for layer in run.network.nodes.indices {
            check("compared \(run.network.nodes[layer].layer.name) \(app.currentView)")
            app.press(.right)
        }
        #expect(problems.isEmpty, "\(problems.count) cut texts:\n\(problems.joined(separator: "\n"))")
    }
}

@Suite struct FormatFitTests {
    @Test func textIsCutAfterAWholeWordWithAnEllipsis() {
        #expect(Format.fit("100.0% of run so far", to: 20) == "100.0% of run so far")
        #expect(Format.fit("100.0% of run so far", to: 18) == "100.0% of run so…")
        #expect(Format.fit("100.0% of run so far", to: 16) == "100.0% of run…")
        #expect(Format.fit("occlusion: a grey square", to: 13, ellipsis: "...") == "occlusion:...")
        #expect(Format.fit("occlusion:grey", to: 6) == "occlu…")
    }

    @Test func partsAreLeftOutWholeAndShortFormsTakenFirst() {
        let parts = [["time 1.0 ms (median of 5)", "time 1.0 ms"], ["2.3 GFLOP/s"], ["8.6% of run so far", "8.6% of run"]]
        #expect(Format.fit(parts: parts, separator: " | ", to: 100) == "time 1.0 ms (median of 5) | 2.3 GFLOP/s | 8.6% of run so far")
        #expect(Format.fit(parts: parts, separator: " | ", to: 56) == "time 1.0 ms (median of 5) | 2.3 GFLOP/s | 8.6% of run")
        #expect(Format.fit(parts: parts, separator: " | ", to: 40) == "time 1.0 ms | 2.3 GFLOP/s | 8.6% of run")
        #expect(Format.fit(parts: parts, separator: " | ", to: 30) == "time 1.0 ms | 2.3 GFLOP/s")
        #expect(Format.fit(parts: parts, separator: " | ", to: 20) == "time 1.0 ms")
        #expect(Format.fit(parts: [["min 0"], ["max 5"], ["std 0.2245"]], separator: "  ", to: 20) == "min 0  max 5")
    }
}
