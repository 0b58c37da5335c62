import Engine
import Testing
@testable import Explorer

/// The cell cursor, the arithmetic view and the activation toggle, driven by keys.
@Suite struct TeachingViewTests {
    /// On the engine-layer test network (conv1 3x3/1 SAME, pool1 2x2/2): `x` puts the cursor at
    /// the map's centre, arrows move it, and the line under the map names conv1's field there.
    @Test func cursorShowsValueAndReceptiveField() throws {
        let app = try TestNetwork.app(colorMode: .ascii, usingOps: true)
        app.press(.character("x"))
        #expect(app.state.cursor == CellPosition(y: 6, x: 8))
        app.press(.up, .left, .left)
        #expect(app.state.cursor == CellPosition(y: 5, x: 6))
        #expect(app.state.layer == 0, "arrows move the cursor, not the layer")
        let screen = app.render(width: 160, height: 48).lines.joined(separator: "\n")
        // conv1 3x3/1 SAME: corner -1, so cell (5, 6) sees rows 4..6, cols 5..7.
        #expect(screen.contains("sees input y 4..6, x 5..7 (3x3, step 1)"))
        #expect(screen.contains("rf/step"))
    }

    /// Stepping to pool1 (2x2/2) carries the cursor to the cell over the same pixels.
    @Test func cursorFollowsTheImageAcrossLayers() throws {
        let app = try TestNetwork.app(usingOps: true)
        app.press(.character("x"), .character("l"))
        // conv1 cell (6, 8) is centred on pixel (6, 8); pool1's cell (y, x) on 2y + 0.5 (field 4, corner -1).
        #expect(app.state.layer == 1)
        #expect(app.state.cursor == CellPosition(y: 3, x: 4))
    }

    /// A cursor left waiting while a vector layer is shown lands on the next map it meets, even a
    /// smaller one: conv1's corner (11, 15), then End (fc2) and back to conv2's 6x8 map.
    @Test func cursorWaitingOnAVectorLayerLandsOnTheNextMap() throws {
        let app = try TestNetwork.app(usingOps: true)
        app.press(.character("x"))
        for _ in 0..<20 { app.press(.down, .right) }
        #expect(app.state.cursor == CellPosition(y: 11, x: 15))
        app.press(.end)
        let conv2 = try #require(app.network.index(of: "conv2"))
        while app.state.layer > conv2 { app.press(.character("h")) }
        #expect(app.state.cursor == CellPosition(y: 5, x: 7))
    }

    /// `a` turns the cursor on when it is off, and closing `a` turns it off again, so that ← →
    /// step through layers as before; a cursor turned on with `x` stays on.
    @Test func closingArithmeticTurnsOffOnlyTheCursorItTurnedOn() throws {
        let app = try TestNetwork.app(usingOps: true)
        app.press(.character("a"))
        #expect(app.state.cursor == CellPosition(y: 6, x: 8))
        app.press(.character("a"))
        #expect(app.state.cursor == nil)
        app.press(.right)
        #expect(app.state.layer == 1, "→ steps to the next layer again")
        app.press(.character("x"), .character("a"), .character("a"))
        #expect(app.state.cursor != nil, "the cursor of x stays")
    }

    /// The arithmetic view's total equals the value in the map, and says so.
    @Test func arithmeticAddsUpToTheMap() throws {
        let app = try TestNetwork.app(colorMode: .ascii, usingOps: true)
        app.press(.character("a"))
        #expect(app.currentView == .arithmetic)
        let screen = app.render(width: 120, height: 40).lines.joined(separator: "\n")
        #expect(screen.contains("conv1 ch 0 at y 6, x 8: 3x3 window * 3 channels of the input"))
        #expect(screen.contains("+ 27 products weight * input"))
        #expect(screen.contains("the map shows"))
        #expect(!screen.contains("differs"))
    }

    /// Before ReLU the map holds negative values; the panel states the share ReLU zeroed.
    @Test func preActivationShowsNegativesAndTheShareZeroed() throws {
        let app = try TestNetwork.app(colorMode: .ascii, usingOps: true)
        app.press(.character("b"))
        let pre = try #require(app.frame.preActivation)
        #expect(pre.statistics.overall.min < 0)
        let output = app.worker.run.outputs[0].toArray(), before = pre.tensor.toArray()
        let zeroed = Double(before.filter { $0 < 0 }.count) / Double(before.count)
        #expect(pre.effect?.share == zeroed)
        #expect(zip(before, output).allSatisfy { max($0, 0) == $1 || abs(max($0, 0) - $1) <= 1e-5 * max(1, abs($1)) })
        let screen = app.render(width: 160, height: 48).lines.joined(separator: "\n")
        #expect(screen.contains("before ReLU"))
        #expect(screen.contains("ReLU set to zero \(Format.percent(zeroed))"))
    }

    @Test func tanhSaturationCountsOutputsBeyondPointNineNine() {
        let before: [Float] = [0, 1, 3, -3, 10], after: [Float] = [0, 0.76, 0.995, -0.995, 1]
        let effect = before.withUnsafeBufferPointer { b in
            after.withUnsafeBufferPointer { a in PreActivationValues.effect(of: .tanh, before: b, after: a) }
        }
        #expect(effect?.share == 0.6)
    }
}

extension TeachingViewTests {
    /// Every teaching view at the minimum size, odd sizes and a huge one: drawn without a trap,
    /// in colour and ASCII.
    @Test(arguments: ExplorerSnapshotTests.teachingScenes.map { $0.name })
    func teachingViewsRenderAtEverySize(scene: String) throws {
        let keys = ExplorerSnapshotTests.teachingScenes.first { $0.name == scene }!.keys
        for mode in [ColorMode.trueColor, .ascii] {
            let app = try TestNetwork.app(colorMode: mode, usingOps: true)
            for key in keys { app.press(key) }
            for (width, height) in [(60, 16), (61, 17), (79, 23), (97, 31), (300, 100)] {
                let buffer = app.render(width: width, height: height)
                #expect(buffer.width == width && buffer.height == height)
            }
        }
    }
}
