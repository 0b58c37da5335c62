import Engine
import Testing
@testable import Explorer

/// Clicks and the wheel on the screen last drawn, each doing what its key does.
@Suite struct MouseActionTests {
    private func click(_ app: ExplorerApp, x: Int, y: Int, _ button: MouseEvent.Button = .left) -> KeyResult {
        let result = app.handle(.mouse(MouseEvent(button, x: x, y: y)))
        app.waitUntilIdle()
        return result
    }

    /// At 80x24 the list's heading is row 1 and layer k's row is 2 + k (the list starts at conv1).
    @Test func clickingALayerInTheListSelectsIt() throws {
        let app = try TestNetwork.app(usingOps: true)
        _ = app.render(width: 80, height: 24)
        #expect(click(app, x: 3, y: 4) == .handled)
        #expect(app.state.layer == 2)
        _ = app.render(width: 80, height: 24)
        #expect(click(app, x: 3, y: 1) == .ignored)   // the heading
        #expect(click(app, x: 3, y: 2) == .handled)
        #expect(app.state.layer == 0)
    }

    @Test func clickingAThumbnailOpensItInTheMap() throws {
        let app = try TestNetwork.app(usingOps: true)
        app.press(.tab)
        _ = app.render(width: 160, height: 48)
        let thumbnail = try #require(app.screen.lastHits.regions.first { $0.target == .channel(4) }).rect
        #expect(click(app, x: thumbnail.x + thumbnail.width / 2, y: thumbnail.y) == .handled)
        #expect(app.state.channel == 4 && app.currentView == .map)
    }

    /// conv1's map is 12x16: its corners are cells (0, 0) and (11, 15).
    @Test func clickingAMapCellPutsTheCursorThere() throws {
        let app = try TestNetwork.app(usingOps: true)
        func drawnMap() throws -> Rect {
            _ = app.render(width: 160, height: 48)
            return try #require(app.screen.lastHits.regions.first {
                if case .map = $0.target { return true } else { return false }
            }).rect
        }
        var map = try drawnMap()
        #expect(click(app, x: map.x, y: map.y) == .handled)
        #expect(app.state.cursor == CellPosition(y: 0, x: 0))
        // With the cursor on, the map gives a row to the cursor's line: it is drawn smaller.
        map = try drawnMap()
        #expect(click(app, x: map.maxX - 1, y: map.maxY - 1) == .handled)
        #expect(app.state.cursor == CellPosition(y: 11, x: 15))
        // The cursor line shows the cell and its receptive field, as `x` and the arrows would.
        #expect(app.render(width: 160, height: 48).lines.joined(separator: "\n").contains("y 11 x 15 = "))
    }

    @Test func theWheelChangesChannelAndOtherButtonsDoNothing() throws {
        let app = try TestNetwork.app(usingOps: true)
        _ = app.render(width: 80, height: 24)
        #expect(click(app, x: 50, y: 15, .wheelDown) == .handled)
        #expect(click(app, x: 50, y: 15, .wheelDown) == .handled)
        #expect(app.state.channel == 2)
        #expect(click(app, x: 50, y: 15, .wheelUp) == .handled)
        #expect(app.state.channel == 1)
        #expect(click(app, x: 3, y: 4, .right) == .ignored)
        #expect(app.state.layer == 0)
    }

    /// Outside anything clickable, and with help open (a click closes it, as any key).
    @Test func clicksElsewhereAreIgnoredAndCloseHelp() throws {
        let app = try TestNetwork.app(usingOps: true)
        _ = app.render(width: 80, height: 24)
        #expect(click(app, x: 0, y: 0) == .ignored)
        app.press(.character("?"))
        _ = app.render(width: 80, height: 24)
        #expect(click(app, x: 3, y: 4) == .handled)
        #expect(!app.state.showHelp && app.state.layer == 0)
    }
}
