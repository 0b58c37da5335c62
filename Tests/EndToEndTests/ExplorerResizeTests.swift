import Foundation
import Testing
import TestSupport

extension ExplorerEndToEndTests {
    /// Resizing, one step or a storm, leaves exactly the screen a fresh start at that size draws.
    @Suite struct ExplorerResizeTests {
        @Test("a storm of resizes from 10x5 to 300x100 settles to the same screen, no crash")
        func resizeStorm() throws {
            let session = try launch(width: 100, height: 30)
            defer { session.close() }
            let before = try settle(session)
            // Deterministic sizes covering both extremes, ~60 resizes per second.
            var generator = SplitMix(seed: 7)
            for step in 0..<80 {
                let (width, height) = step % 10 == 0 ? (10, 5) : step % 10 == 5 ? (300, 100)
                    : (10 + Int(generator.next() % 291), 5 + Int(generator.next() % 96))
                try session.resize(width: width, height: height)
                usleep(15_000)
            }
            try session.resize(width: 100, height: 30)
            // Throws (failing the test, with the screen it last saw) unless the screen comes back.
            try session.waitForScreen("the screen to match the one before the storm", timeout: 20) { $0 == before }
            try session.send("q")
            try expectExit(session, status: 0)
        }

        @Test("below the minimum size a message asks for a larger window; it goes away on resize")
        func tooSmall() throws {
            let session = try launch(width: 100, height: 30)
            defer { session.close() }
            let normal = try settle(session)
            try session.resize(width: 30, height: 8)
            let small = try settle(session)
            #expect(small.contains("enlarge the window"), "no request for a larger window at 30x8:\n\(small)")
            try session.resize(width: 100, height: 30)
            try session.waitForScreen("the full screen back") { $0 == normal }
            try session.send("q")
            try expectExit(session, status: 0)
        }
    }
}
