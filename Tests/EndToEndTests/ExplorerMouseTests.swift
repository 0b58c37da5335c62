import Foundation
import Testing
import TestSupport

/// The mouse in the explorer: reporting switched on (SGR form) while it runs and off again on
/// every exit; `--no-mouse` leaves the mouse to the terminal; a report is never read as keys.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it)"))
struct ExplorerMouseTests {
    @Test func reportingIsOnWhileRunningAndOffAfterQuitting() throws {
        let session = try ExplorerEndToEndTests.launch()
        defer { session.close() }
        let before = try ExplorerEndToEndTests.settle(session)
        #expect(try session.pane("#{mouse_any_flag}") == "1")
        #expect(try session.pane("#{mouse_sgr_flag}") == "1")
        // A click and a turn of the wheel as the terminal reports them: ESC [ < … would quit
        // (Esc) and type `[`, `<`, digits if it were read as keys.
        try session.sendLiteral("\u{1B}[<0;100;30M\u{1B}[<0;100;30m\u{1B}[<65;100;30M")
        usleep(300_000)
        #expect(throws: TmuxSession.Failure.self, "the explorer quit on a mouse report") {
            try session.exitStatus(timeout: 0.05)
        }
        let after = try session.screen()
        #expect(after.hasPrefix(" alexnet-tui "), "\(after)")
        #expect(before.split(separator: "\n").first == after.split(separator: "\n").first)
        try session.send("q")
        try ExplorerEndToEndTests.expectExit(session, status: 0)
        #expect(try session.pane("#{mouse_any_flag}") == "0", "mouse reporting left on")
    }

    @Test func noMouseLeavesTheMouseToTheTerminal() throws {
        let session = try ExplorerEndToEndTests.launch(["samples/chelsea.ppm", "--model", "alexnet", "--no-mouse"])
        defer { session.close() }
        try ExplorerEndToEndTests.settle(session)
        #expect(try session.pane("#{mouse_any_flag}") == "0")
        try session.send("q")
        try ExplorerEndToEndTests.expectExit(session, status: 0)
    }
}
