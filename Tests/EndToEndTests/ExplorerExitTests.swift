import Foundation
import Testing
import TestSupport

extension ExplorerEndToEndTests {
    /// Every way out of the explorer gives the terminal back and a conventional exit status.
    @Suite struct ExplorerExitTests {
        @Test("q quits with status 0 and restores the terminal")
        func quitKey() throws {
            let session = try launch()
            defer { session.close() }
            try settle(session)
            try session.send("q")
            try expectExit(session, status: 0)
        }

        @Test("Esc quits with status 0")
        func escapeKey() throws {
            let session = try launch()
            defer { session.close() }
            try settle(session)
            try session.send("Escape")
            try expectExit(session, status: 0)
        }

        @Test("Ctrl-C quits with status 130 (128 + SIGINT)")
        func controlC() throws {
            let session = try launch()
            defer { session.close() }
            try settle(session)
            try session.send("C-c")
            try expectExit(session, status: 130)
        }

        @Test("SIGTERM, SIGHUP, SIGINT end it with status 128 + the signal number", arguments: [(SIGTERM, Int32(143)), (SIGHUP, Int32(129)), (SIGINT, Int32(130))])
        func signal(_ signal: Int32, status: Int32) throws {
            let session = try launch()
            defer { session.close() }
            try settle(session)
            #expect(kill(try session.programID(), signal) == 0)
            try expectExit(session, status: status)
        }

        @Test("a crash (SIGSEGV, SIGABRT) restores the terminal before Swift's backtrace and the default action",
              arguments: [SIGSEGV, SIGABRT])
        func crash(_ signal: Int32) throws {
            let session = try launch(environment: userTerminal.merging(["SWIFT_BACKTRACE": "interactive=no"]) { $1 })
            defer { session.close() }
            try settle(session)
            #expect(kill(try session.programID(), signal) == 0)
            try expectExit(session, status: 128 + signal)
        }

        @Test("a signal during the first computation still restores the terminal")
        func signalWhileComputing() throws {
            let session = try launch()
            defer { session.close() }
            try session.waitForScreen("the explorer to start") { $0.contains("conv1") }
            try session.send("End")   // computes every remaining layer
            #expect(kill(try session.programID(), SIGTERM) == 0)
            try expectExit(session, status: 143)
        }

        @Test("q works while the rest of the network is computing (seed preset, random init)")
        func quitWhileComputing() throws {
            let session = try launch(["samples/chelsea.ppm", "--model", "seed"])
            defer { session.close() }
            try settle(session)
            try session.send("End")   // computes every remaining layer in the background
            try session.send("q")
            try expectExit(session, status: 0)
        }

        @Test("Ctrl-Z gives the terminal back; continuing redraws the same screen")
        func suspendAndContinue() throws {
            let session = try launch()
            defer { session.close() }
            try settle(session)
            try session.send("Right")
            let before = try settle(session)
            let program = try session.programID()
            try session.send("C-z")
            try session.waitForScreen("the program to stop") { _ in Self.isStopped(program) }
            #expect(try session.pane("#{alternate_on}") == "0", "the stopped explorer kept the alternate screen")
            #expect(try session.pane("#{cursor_flag}") == "1", "the stopped explorer kept the cursor hidden")
            try session.continueProgram()
            let after = try session.waitForScreen("the explorer to redraw") { $0 == before }
            #expect(after == before)
            try session.send("q")
            try expectExit(session, status: 0)
        }

        static func isStopped(_ process: pid_t) -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(process)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return stat[stat.index(close, offsetBy: 2)] == "T"
        }
    }
}
