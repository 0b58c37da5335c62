import Foundation
import Profiling
import Testing
@testable import Explorer

@Suite struct ExplorerAppTests {
    @Test func startsOnTheFirstLayerWithItComputed() throws {
        let app = try TestNetwork.app()
        #expect(app.state.layer == 0)
        #expect(app.worker.published.computedCount == 1)
        #expect(app.currentView == .map)
    }

    @Test func steppingComputesEachLayerOnceAndGoingBackComputesNothing() throws {
        let app = try TestNetwork.app()
        app.press(.right, .character("l"), .character(" "))
        #expect(app.state.layer == 3)
        #expect(app.worker.published.computedCount == 4)
        app.press(.left, .character("h"), .home)
        #expect(app.state.layer == 0)
        #expect(app.worker.published.computedCount == 4)
        app.press(.end)
        #expect(app.state.layer == 5)
        #expect(app.worker.published.computedCount == 6)
        #expect(app.handle(.right) == .ignored)
    }

    @Test func layerTimesComeFromTheProfilerClock() throws {
        let app = try TestNetwork.app()
        app.press(.end)
        // The scheduled clock's reads n = 1, 2, … advance by (n % 7 + 1) * 0.25 ms. conv1 is
        // timed by reads 1 and 2, then again 5 times in the background (reads 3 to 12); after
        // End, layer i is timed by reads 2i+11 and 2i+12, so it takes ((2i+12) % 7 + 1) * 0.25 ms.
        let expected: [Double] = (0..<6).map { (layer: Int) -> Double in
            let quarters = ((layer == 0 ? 2 : 2 * layer + 2 * RetimingJob.repeats + 2) % 7) + 1
            return Double(quarters) * 0.25e-3
        }
        let seconds: [Double] = app.worker.published.seconds.map { $0 ?? -1 }
        try #require(seconds.count == expected.count, "one time per layer")
        for (got, want) in zip(seconds, expected) {
            #expect(Swift.abs(got - want) <= 1e-9 * want, "relative tolerance 1e-9")
        }
    }

    /// conv1's first run is reads 1 and 2 of the scheduled clock (0.75 ms); shown, it is timed 5
    /// times more by reads 3-12: 1.25, 1.75, 0.5, 1.0 and 1.5 ms, median 1.25. The list marks
    /// the median, the panel gives it with its range and the first run beside it.
    @Test func shownLayerGetsAWarmMedianBesideItsFirstRun() throws {
        let app = try TestNetwork.app(colorMode: .ascii)
        let frame = app.frame
        guard case .warmMedian(let summary) = frame.timing(0)?.kind else {
            Issue.record("conv1 has no warm median")
            return
        }
        #expect(summary == TimingSummary(min: 0.5e-3, median: 1.25e-3, max: 1.75e-3, count: RetimingJob.repeats))
        #expect(frame.published.firstSeconds[0] == 0.75e-3)
        let lines = app.render(width: 120, height: 30).lines
        #expect(lines.contains { $0.hasPrefix(">conv1") && $0.contains("~1.25ms") })
        #expect(lines.contains { $0.contains("time 1.25 ms median of 5 | first run 0.75 ms, incl. page faults | range 0.50-1.75 ms") })
        #expect(lines.contains { $0.contains("~ warm median, r re-run") })
    }

    @Test func channelMovesAreClampedToTheLayer() throws {
        let app = try TestNetwork.app()
        app.press(.pageDown)
        #expect(app.state.channel == 5)           // conv1 has 6 channels
        app.press(.down, .up, .character("k"))
        #expect(app.state.channel == 3)
        app.press(.pageUp)
        #expect(app.state.channel == 0)
        #expect(app.handle(.up) == .handled)
        #expect(app.state.channel == 0)
    }

    @Test func tabCyclesTheViewsOfTheLayer() throws {
        let app = try TestNetwork.app()
        var seen: [ViewKind] = [app.currentView]
        for _ in 0..<4 { app.press(.tab); seen.append(app.currentView) }
        #expect(seen == [.map, .grid, .input, .timing, .map])
        app.press(.end)
        seen = [app.currentView]
        for _ in 0..<4 { app.press(.tab); seen.append(app.currentView) }
        #expect(seen == [.topK, .vector, .input, .timing, .topK])
        app.press(.backTab)
        #expect(app.currentView == .timing)
        app.press(.left)
        #expect(app.currentView == .timing)       // input and timing stay while stepping
        app.press(.character("t"))
        #expect(app.currentView == .vector)       // fc1: a vector, not the classifier
    }

    /// The status line names the heat-map scale (per channel / per layer) in the views it
    /// applies to, not in a vector's, which has one scale and says "scale per layer".
    @Test func statusLineNamesTheScaleWhereItApplies() throws {
        let app = try TestNetwork.app(colorMode: .ascii)
        func statusLine() -> String { app.render(width: 120, height: 40).lines.last ?? "" }
        app.press(.character("l"))
        #expect(app.currentView == .map && statusLine().contains("per channel"))
        app.press(.end, .left)
        #expect(app.currentView == .vector && !statusLine().contains("per channel"))
    }

    @Test func enterOpensTheGridCursorInTheMap() throws {
        let app = try TestNetwork.app()
        #expect(app.handle(.enter) == .ignored)
        app.press(.tab, .down, .down, .enter)
        #expect(app.currentView == .map)
        #expect(app.state.channel == 2)
    }

    @Test func inputAndTimingKeysToggleBackToTheLayerView() throws {
        let app = try TestNetwork.app()
        app.press(.character("i"))
        #expect(app.currentView == .input)
        app.press(.character("t"))
        #expect(app.currentView == .timing)
        app.press(.character("t"))
        #expect(app.currentView == .map)
    }

    @Test func colourModeCyclesDownFromWhatTheTerminalOffered() throws {
        var app = try TestNetwork.app(colorMode: .trueColor)
        var modes: [ColorMode] = [app.colorMode]
        for _ in 0..<4 { app.press(.character("c")); modes.append(app.colorMode) }
        #expect(modes == [.trueColor, .palette256, .palette16, .ascii, .trueColor])
        app = try TestNetwork.app(colorMode: .palette256)
        modes = [app.colorMode]
        for _ in 0..<3 { app.press(.character("c")); modes.append(app.colorMode) }
        #expect(modes == [.palette256, .palette16, .ascii, .palette256])
    }

    @Test func quitKeysQuitAndEscapeClosesHelpFirst() throws {
        let app = try TestNetwork.app()
        #expect(app.handle(.character("q")) == .quit)
        #expect(app.handle(.interrupt) == .quit)
        #expect(app.handle(.character("?")) == .handled)
        #expect(app.state.showHelp)
        #expect(app.handle(.escape) == .handled)
        #expect(!app.state.showHelp)
        #expect(app.handle(.escape) == .quit)
        #expect(app.handle(.character("Z")) == .ignored)
        #expect(app.handle(.resize) == .handled)
    }

    /// Esc closes one thing a press, the last opened first, and quits only with nothing open:
    /// pressed to leave the arithmetic, it does not end the session.
    @Test func escapeClosesWhatIsOpenBeforeItQuits() throws {
        let app = try TestNetwork.app()
        app.press(.character("l"))                       // a feature map
        app.press(.character("f"), .character("x"), .character("a"), .character("?"))
        #expect(app.state.showHelp && app.state.override == .arithmetic && app.state.cursor != nil && app.state.fullScreen)
        #expect(app.handle(.escape) == .handled)
        #expect(!app.state.showHelp && app.state.override == .arithmetic)
        #expect(app.handle(.escape) == .handled)
        #expect(app.state.override == nil && app.state.cursor != nil, "the cursor x turned on stays")
        #expect(app.handle(.escape) == .handled)
        #expect(app.state.cursor == nil && app.state.fullScreen)
        #expect(app.handle(.escape) == .handled)
        #expect(!app.state.fullScreen)
        // A view over the layer's own (here the filters) goes the same way.
        app.press(.character("w"))
        #expect(app.state.override == .filters)
        #expect(app.handle(.escape) == .handled)
        #expect(app.state.override == nil)
        #expect(app.handle(.escape) == .quit)
    }

    @Test func keysStayResponsiveWhileALayerComputesInTheBackground() throws {
        let gate = DispatchSemaphore(value: 0)
        let app = try TestNetwork.app(gate: gate)   // pool1 waits for the gate
        app.waitUntilIdle()
        let before = app.changeCount
        #expect(app.handle(.right) == .handled)
        // The worker is now held inside pool1; the UI thread carries on.
        let screen = app.render(width: 80, height: 24).lines.joined(separator: "\n")
        #expect(screen.contains("computing pool1…"))
        #expect(app.handle(.down) == .handled)      // the shape is known before the values
        #expect(app.handle(.tab) == .handled)
        #expect(app.handle(.character("q")) == .quit)
        // pool1's computation, then its warm repeats in the background.
        for _ in 0...RetimingJob.repeats { gate.signal() }
        app.waitUntilIdle()
        #expect(app.worker.published.computedCount == 2)
        #expect(app.changeCount > before)
        #expect(!app.render(width: 80, height: 24).lines.joined().contains("computing"))
    }

    @Test func rerunPublishesMediansOfEveryLayer() throws {
        let app = try TestNetwork.app()
        app.press(.character("t"), .character("r"))
        let published = app.worker.published
        #expect(published.timedRuns == ExplorerApp.timingRepeats)
        #expect(published.computedCount == 6)
        #expect(published.seconds.allSatisfy { $0 != nil })
        #expect(published.statistics.allSatisfy { $0 != nil })
    }

    /// Every size gets a screen of exactly that size: below the minimum, a request for a larger
    /// window (where it fits); from the minimum up, the header and the layer list.
    @Test func rendersEverySizeFromTinyToHuge() throws {
        let app = try TestNetwork.app()
        app.press(.end)
        for view in [Key.character("i"), .character("t"), .tab, .tab] {
            app.press(view)
            for (width, height) in [(0, 0), (1, 1), (59, 15), (60, 16), (61, 17), (99, 30), (200, 60), (400, 120)] {
                let buffer = app.render(width: width, height: height)
                #expect(buffer.width == width && buffer.height == height && buffer.lines.count == height)
                let screen = buffer.lines.joined(separator: "\n")
                if width >= ExplorerScreen.minimumWidth && height >= ExplorerScreen.minimumHeight {
                    #expect(buffer.lines[0].hasPrefix(" alexnet-tui"), "header at \(width)x\(height)")
                    #expect(screen.contains("fc2") && !screen.contains("enlarge"), "layer list at \(width)x\(height)")
                } else if width >= "enlarge the window".count {
                    #expect(screen.contains("enlarge the window"), "request for a larger window at \(width)x\(height)")
                }
            }
        }
    }
}
