import Foundation
import Testing
import TestSupport

/// A weights file truncated while the program has it mapped ends the program with one line naming
/// the file, status 1 and (in the explorer) the terminal restored; a SIGBUS that is not about a
/// mapped file stays a crash, reported as one.
@Suite struct MappedFileFaultTests {
    /// Runs `alexnet-tui ARGUMENTS` under bash, which does `ACTION` (shell code; `$program` is the
    /// program's process ID) half a second after `/proc/PID/maps` first lists `weights` (once the
    /// runs have begun; sooner or later, the outcome must be the same), then waits for the
    /// program and exits with its status (128 + the signal if a signal ended it). A program that
    /// never maps the file, or outlives the action by 30 seconds, is killed (status 137).
    static func run(_ arguments: [String], whenMapping weights: String, then action: String,
                    environment: [String: String?] = [:]) throws -> ProcessResult {
        let script = """
            "$@" & program=$!
            for attempt in $(seq 3000); do
              grep -qF "$WEIGHTS" /proc/$program/maps 2>/dev/null && break
              kill -0 $program 2>/dev/null || break; sleep 0.01
            done
            sleep 0.5
            \(action)
            ( sleep 30; kill -KILL $program ) 2>/dev/null & watchdog=$!
            wait $program; status=$?
            kill $watchdog 2>/dev/null
            exit $status
            """
        return try ProductBinary.run(arguments, environment: environment.merging(["WEIGHTS": weights]) { $1 },
                                     launcher: ["/bin/bash", "-c", script, "bash"], timeout: 120)
    }

    /// The alexnet preset's tensors (zeros, as a sparse file) at a fresh path.
    static func weightsFile(in scratch: ScratchDirectory) throws -> String {
        let path = scratch.path("w.safetensors")
        try SafeTensorsFixture.preset("alexnet").write(to: path)
        return path
    }

    static var chelsea: String { samplesDirectory.appendingPathComponent("chelsea.ppm").path }

    /// Enough timed runs that the file is cut long before they end.
    static func reportArguments(weights: String) -> [String] {
        ["--model", "alexnet", "--weights", weights, "--report", "table", "--repeat", "100000", chelsea]
    }

    @Test func weightsTruncatedDuringTimedRunsEndTheReportWithOneLine() throws {
        let scratch = try ScratchDirectory()
        let weights = try Self.weightsFile(in: scratch)
        let result = try Self.run(Self.reportArguments(weights: weights), whenMapping: weights,
                                  then: #"truncate -s 4096 "$WEIGHTS""#)
        expectOneLineError(result, status: 1, message: "\(weights): the file changed or shrank while in use")
    }

    /// Not a fault on a mapped file: Swift's backtracer reports it, then the default action ends
    /// the program (Swift's handler alone would return and let a sent SIGBUS be ignored).
    @Test func aSIGBUSSentWithKillIsACrashWithSwiftsReport() throws {
        let scratch = try ScratchDirectory()
        let weights = try Self.weightsFile(in: scratch)
        let result = try Self.run(Self.reportArguments(weights: weights), whenMapping: weights,
                                  then: "kill -BUS $program", environment: ["SWIFT_BACKTRACE": "interactive=no"])
        #expect(!result.timedOut)
        #expect(result.status == 128 + SIGBUS)
        #expect(result.stderr.contains("Program crashed: Bus error"), "stderr: \(result.stderr.prefix(300))")
        #expect(!result.stderr.contains("changed or shrank"))
    }
}

extension ExplorerEndToEndTests {
    @Suite struct ExplorerMappedFileFaultTests {
        @Test("weights truncated while the explorer runs: terminal restored, one line, status 1")
        func weightsTruncatedWhileExploring() throws {
            let scratch = try ScratchDirectory()
            let weights = try MappedFileFaultTests.weightsFile(in: scratch)
            // Wide enough that the line naming the scratch path does not wrap.
            let session = try launch(["samples/chelsea.ppm", "--model", "alexnet", "--weights", weights],
                                     width: 200, height: 40)
            defer { session.close() }
            try settle(session)
            #expect(truncate(weights, 4096) == 0)
            try session.send("End")   // computes every remaining layer: reads the cut weights
            try expectExit(session, status: 1)
            let lines = try session.screen().split(separator: "\n").map(String.init)
            #expect(lines.contains("alexnet-tui: error: \(weights): the file changed or shrank while in use"),
                    "screen:\n\(lines.joined(separator: "\n"))")
        }
    }
}
