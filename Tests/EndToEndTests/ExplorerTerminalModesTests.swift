import Foundation
import Testing
import TestSupport

extension ExplorerEndToEndTests {
    /// Drawing follows what the terminal and the locale can show.
    @Suite struct ExplorerTerminalModesTests {
        @Test("LANG=C: only ASCII on screen, heat-map drawn with the character ramp, also after c")
        func asciiLocale() throws {
            let session = try launch(environment: ["TERM": "tmux-256color", "LANG": "C", "LC_ALL": "C"])
            defer { session.close() }
            try settle(session)
            try session.send("Right")
            for key in ["c", "c"] {
                let screen = try settle(session)
                let nonASCII = screen.unicodeScalars.filter { !$0.isASCII }
                #expect(nonASCII.isEmpty, "non-ASCII characters \(String(String.UnicodeScalarView(nonASCII))) on:\n\(screen)")
                #expect(screen.contains(">pool1"), "pool1 not current on:\n\(screen)")
                #expect(asciiHeatMapRows(screen) > 5, "no ASCII-ramp heat-map on:\n\(screen)")
                try session.send(key)
            }
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

        @Test("labels with escape, tab and wide characters: one character per cell, nothing sent raw")
        func untrustedLabelText() throws {
            let labels = FileManager.default.temporaryDirectory
                .appendingPathComponent("alexnet-tui-labels-\(getpid()).txt")
            defer { try? FileManager.default.removeItem(at: labels) }
            let label = "ctl\u{1B}[31mred\ttab 猫x"
            try String(repeating: label + "\n", count: 1000).write(to: labels, atomically: true, encoding: .utf8)
            let session = try launch(["samples/chelsea.ppm", "--model", "alexnet", "--labels", labels.path])
            defer { session.close() }
            try settle(session)
            try session.send("End")
            try session.waitFor("top 5 of 1000 classes")
            // A capture can catch ncurses half way through painting a frame: check a settled one.
            let screen = try settle(session)
            #expect(screen.contains("top 5 of 1000 classes"))
            let rows = screen.split(separator: "\n").filter { $0.contains("│ 1. ") || $0.contains("│ 5. ") }
            #expect(rows.count == 2, "top-K rows on\n\(screen)")
            for row in rows {
                #expect(row.contains(". ctl?[31mred?tab ?x"), "label drawn as: \(row)")
            }
            // Every row between the header and the status line keeps the panel divider in one column.
            let body = screen.split(separator: "\n").dropFirst().dropLast()
            let dividers = Set(body.filter { $0.contains("│") }.map { $0.prefix { $0 != "│" }.count })
            #expect(dividers.count == 1, "divider columns \(dividers) on\n\(screen)")
            #expect(!(try session.screenWithColors()).contains("\u{1B}[31mred"), "the label's escape reached the terminal")
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
