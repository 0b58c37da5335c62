import Engine
import Testing
@testable import Explorer

/// `f`: the current view alone on the whole terminal, and back; snapshots of the map and the
/// lesson's top-K step full screen.
@Suite struct FullScreenTests {
    @Test func theViewTakesTheWholeScreenAndFGivesItBack() throws {
        let app = try TestNetwork.app()
        let normal = app.render(width: 80, height: 24).lines
        app.press(.character("f"))
        let full = app.render(width: 80, height: 24).lines
        #expect(normal[0].contains("alexnet-tui") && !full.joined().contains("alexnet-tui"))
        #expect(!full.joined().contains("layer ") && !full.joined().contains("? help"))
        app.press(.down)                                   // keys still work
        #expect(app.state.channel == 1 && app.state.fullScreen)
        app.press(.character("f"))
        #expect(app.render(width: 80, height: 24).lines[0] == normal[0])
        #expect(!app.state.fullScreen)
    }

    @Test(arguments: [("fullscreen-map", [Key.character("f")]), ("fullscreen-topk", [.end, .character("f")])])
    func fullScreenMatchesSnapshot(scene: String, keys: [Key]) throws {
        for mode in [ColorMode.trueColor, .ascii] {
            let app = try TestNetwork.app(colorMode: mode)
            for key in keys { app.press(key) }
            for (width, height) in ExplorerSnapshotTests.sizes {
                assertSnapshot(app.render(width: width, height: height),
                               named: "\(scene)-\(width)x\(height)-\(mode == .ascii ? "ascii" : "color")", includeStyles: mode != .ascii)
            }
        }
    }
}
