import Foundation
import Testing
import TestSupport

extension ExplorerEndToEndTests {
    /// The `?` overlay in a pane too small for the whole key list: it scrolls to the end.
    @Suite struct ExplorerHelpTests {
        @Test("in a 60x16 pane, help opens at the top, End shows the last binding, Esc closes it")
        func helpScrollsToTheLastBindingInASmallPane() throws {
            let session = try launch(width: 60, height: 16)
            defer { session.close() }
            try settle(session)
            try session.send("?")
            var screen = try session.waitFor("more below")
            #expect(screen.contains(" keys 1-11 of "), "help should open at the top:\n\(screen)")
            #expect(!screen.contains("more above"))
            try session.send("End")
            // Near the end of the key table, above the lesson's keys: the overlay's own Home and End.
            screen = try session.waitFor("scroll to the end")
            #expect(screen.contains("more above") && !screen.contains("more below"), "at the end:\n\(screen)")
            #expect(screen.contains("scroll to the top"))
            try session.send("Escape")
            try session.waitForScreen("help to close") { !$0.contains("Esc: close") }
            try session.send("q")
            try expectExit(session, status: 0)
        }
    }
}
