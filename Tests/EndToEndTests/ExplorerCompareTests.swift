import Foundation
import Testing
import TestSupport

/// The second input in the explorer, end to end: `--compare flip` stepped to fc8 shows both
/// top-K lists and the similarity chart; a click on a layer in the list (sent as the terminal
/// sends it) selects it; bad values end with one line as for the first image.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it)"))
struct ExplorerCompareTests {
    @Test func flipSteppedToFc8ShowsBothTopListsAndTheChart() throws {
        let session = try ExplorerEndToEndTests.launch(["samples/chelsea.ppm", "--model", "alexnet", "--compare", "flip"])
        defer { session.close() }
        try ExplorerEndToEndTests.settle(session)
        try session.send("End")
        try session.waitFor("B = flip: top 5 of 1000 classes", timeout: 60)
        // A capture can catch ncurses half way through painting a frame: check a settled one.
        let screen = try ExplorerEndToEndTests.settle(session)
        #expect(screen.contains("B = flip: top 5 of 1000 classes"))
        #expect(screen.contains("A: top 5 of 1000 classes"))
        #expect(screen.contains("B = flip  fc8: similarity "))
        // The chart: one bar per layer, conv1 to fc8 (15 layers), every one computed.
        let chart = try #require(screen.split(separator: "\n").first { $0.contains("similarity ") && $0.contains("conv1 to fc8") })
        let bars = chart.split(separator: "similarity ").last!.prefix { "▁▂▃▄▅▆▇█".contains($0) }
        #expect(bars.count == 15, "\(chart)")
        try session.send("q")
        try ExplorerEndToEndTests.expectExit(session, status: 0)
    }

    /// At 120 columns the list's heading is on row 2 and conv1 on row 3 (one-based, as the
    /// terminal counts): conv3, the fifth layer, is row 7.
    @Test func aClickOnALayerInTheListSelectsIt() throws {
        let session = try ExplorerEndToEndTests.launch()
        defer { session.close() }
        try ExplorerEndToEndTests.settle(session)
        try session.sendLiteral("\u{1B}[<0;5;7M\u{1B}[<0;5;7m")
        let screen = try session.waitForScreen("conv3 selected") { $0.contains("▸conv3") }
        #expect(screen.split(separator: "\n")[1].contains("conv3 │ conv 3x3/1"))
        try session.send("q")
        try ExplorerEndToEndTests.expectExit(session, status: 0)
    }

    @Test(arguments: [
        (["--compare", "shift:x"], Int32(64), "--compare shift:x: expected shift:DX,DY with whole pixels, e.g. shift:4,0 (see alexnet-tui --help)"),
        (["--compare", "noise:-1"], Int32(64), "--compare noise:-1: SIGMA must be between 0 and 1 (see alexnet-tui --help)"),
        (["--compare", "no/such/picture.ppm"], Int32(1), "no/such/picture.ppm: no such file"),
    ])
    func badValuesEndTheExplorerWithOneLine(arguments: [String], status: Int32, message: String) throws {
        let session = try ExplorerEndToEndTests.launch(["samples/chelsea.ppm"] + arguments)
        defer { session.close() }
        try ExplorerEndToEndTests.expectExit(session, status: status)
        let lines = try session.screen().split(separator: "\n").filter { $0.hasPrefix("alexnet-tui: error: ") }
        #expect(lines == ["alexnet-tui: error: " + message[...]])
    }
}
