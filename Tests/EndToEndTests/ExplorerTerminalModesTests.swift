import Foundation
import Testing
import TestSupport

extension ExplorerEndToEndTests {
    /// Drawing follows what the terminal and the locale can show.
    @Suite struct ExplorerTerminalModesTests {
        @Test("LANG=C: only ASCII on screen, heat-map drawn with the character ramp")
        func asciiLocale() throws {
            let session = try launch(environment: ["TERM": "tmux-256color", "LANG": "C", "LC_ALL": "C"])
            defer { session.close() }
            try settle(session)
            try session.send("Right")
            let screen = try settle(session)
            let nonASCII = screen.unicodeScalars.filter { !$0.isASCII }
            #expect(nonASCII.isEmpty, "non-ASCII characters \(String(String.UnicodeScalarView(nonASCII))) on:\n\(screen)")
            #expect(screen.contains("conv1"))
            try session.send("q")
            try expectExit(session, status: 0)
        }

        @Test("UTF-8 locale with colours: heat-maps in half blocks with 256-colour pairs")
        func halfBlocks() throws {
            let session = try launch()
            defer { session.close() }
            let screen = try settle(session)
            #expect(screen.contains("▀"), "screen:\n\(screen)")
            #expect(try session.screenWithColors().contains("38;5;"), "no 256-colour foreground on screen")
            try session.send("q")
            try expectExit(session, status: 0)
        }

        /// ncurses sends 24-bit colours only through a direct-colour terminfo entry (`tmux-direct`,
        /// from Debian's ncurses-term); without one, truecolor falls back to 256 colours.
        @Test("COLORTERM=truecolor: 24-bit colours through the direct-colour sibling of TERM",
              .enabled(if: ["/usr/share/terminfo/t/tmux-direct", "/lib/terminfo/t/tmux-direct"]
                  .contains { FileManager.default.fileExists(atPath: $0) }, "no tmux-direct terminfo entry"))
        func trueColor() throws {
            let session = try launch(environment: userTerminal.merging(["COLORTERM": "truecolor"]) { $1 })
            defer { session.close() }
            let screen = try settle(session)
            #expect(screen.contains("truecolor"), "status line:\n\(screen)")
            #expect(try session.screenWithColors().contains("48;2;"), "no 24-bit background on screen")
            try session.send("q")
            try expectExit(session, status: 0)
        }

        @Test("NO_COLOR: no colour escapes at all")
        func noColor() throws {
            let session = try launch(environment: userTerminal.merging(["NO_COLOR": "1"]) { $1 })
            defer { session.close() }
            try settle(session)
            let colored = try session.screenWithColors()
            #expect(!colored.contains("38;") && !colored.contains("48;"), "colour escapes with NO_COLOR:\n\(colored)")
            try session.send("q")
            try expectExit(session, status: 0)
        }
    }
}
