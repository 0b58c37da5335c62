import Foundation
import Testing
import TestSupport

/// End-to-end tests of the explorer: the real `alexnet-tui` binary (built by `swift build`,
/// found by `ProductBinary`) in a tmux pane, driven with keys and signals, its screen captured.
///
/// One serialized suite: the cases share two cores and each starts a full network run.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (.ci/run installs it)"))
struct ExplorerEndToEndTests {
    /// The package root, where `samples/` lives.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The `alexnet-tui` built with these tests.
    static func binary() throws -> String { try ProductBinary.url().path }

    /// A UTF-8 terminal like a user's: tmux's own terminfo entry and a UTF-8 locale.
    static let userTerminal = ["TERM": "tmux-256color", "LANG": "C.UTF-8"]

    /// Starts `alexnet-tui ARGUMENTS` (by default the explorer on chelsea with the torchvision
    /// layout and random weights) in a fresh pane.
    static func launch(_ arguments: [String] = ["samples/chelsea.ppm", "--model", "alexnet"],
                       environment: [String: String] = userTerminal,
                       width: Int = 120, height: Int = 40) throws -> TmuxSession {
        try TmuxSession(arguments: [try binary()] + arguments, environment: environment,
                        width: width, height: height, workingDirectory: packageRoot)
    }

    /// Expects the program to have exited with `status` and left the terminal as it found it:
    /// canonical input with echo, the main screen (not the alternate one), a visible cursor.
    static func expectExit(_ session: TmuxSession, status: Int32,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try session.exitStatus() == status, sourceLocation: sourceLocation)
        let modes = session.terminalModesAfterExit.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" })
        #expect(modes.contains("icanon") && modes.contains("echo"),
                "terminal modes after exit: \(session.terminalModesAfterExit)", sourceLocation: sourceLocation)
        #expect(try session.pane("#{alternate_on}") == "0", "still on the alternate screen",
                sourceLocation: sourceLocation)
        #expect(try session.pane("#{cursor_flag}") == "1", "cursor left hidden", sourceLocation: sourceLocation)
    }

    /// Waits until the explorer has drawn (its header, or its request for a larger window), the
    /// screen stops changing and no computation is shown
    /// in progress. (Before the first screen the program is still loading, without its signal
    /// handlers: a signal then ends it by the default action.)
    @discardableResult
    static func settle(_ session: TmuxSession, timeout: Double = 60) throws -> String {
        try session.waitForStillScreen("the screen to settle", still: 0.25, timeout: timeout) { screen in
            let drawn = screen.hasPrefix(" alexnet-tui ") || screen.contains("enlarge the window")
            return drawn && !screen.lowercased().contains("computing")
        }
    }

    /// Rows of the right-hand panel drawn only with the ASCII ramp ` .:-=+*#%@` (and not blank):
    /// a heat-map in ASCII mode, where panels are divided by `|`.
    static func asciiHeatMapRows(_ screen: String) -> Int {
        let ramp = Set(" .:-=+*#%@")
        return screen.split(separator: "\n").compactMap { $0.split(separator: "|").last }
            .filter { row in row.count > 20 && row.allSatisfy { ramp.contains($0) } && row.contains { $0 != " " } }
            .count
    }
}
