import Foundation
import Testing
import TestSupport

extension ExplorerEndToEndTests {
    /// Without a terminal the explorer can use, one line says why and suggests `--report`.
    @Suite struct ExplorerTerminalProblemTests {
        @Test("TERM=dumb, an unknown TERM or no TERM: one line naming the problem, suggesting --report",
              arguments: [
                  (["TERM": "dumb"], "TERM=dumb cannot show the explorer"),
                  (["TERM": "no-such-terminal-xyz"], "no terminfo entry for TERM=no-such-terminal-xyz"),
                  ([:], "TERM is not set"),
              ])
        func unusableTerminal(environment: [String: String], reason: String) throws {
            let session = try launch(environment: environment.merging(["LANG": "C.UTF-8"]) { $1 })
            defer { session.close() }
            #expect(try session.exitStatus() != 0)
            let screen = try session.screen()
            let message = screen.split(separator: "\n").filter { $0.contains(reason) }
            #expect(message.count == 1, "screen:\n\(screen)")
            #expect(message.first?.contains("--report") == true, "screen:\n\(screen)")
            #expect(try session.pane("#{alternate_on}") == "0")
        }

        @Test("standard output not a terminal: one line suggesting --report")
        func pipedOutput() throws {
            let session = try TmuxSession(
                arguments: ["bash", "-c", "\"$0\" samples/chelsea.ppm --model alexnet | cat", try binary()],
                environment: userTerminal, workingDirectory: packageRoot)
            defer { session.close() }
            _ = try session.exitStatus()
            let screen = try session.screen()
            let message = screen.split(separator: "\n").filter { $0.contains("standard output is not a terminal") }
            #expect(message.count == 1, "screen:\n\(screen)")
            #expect(message.first?.contains("--report") == true, "screen:\n\(screen)")
        }
    }
}
