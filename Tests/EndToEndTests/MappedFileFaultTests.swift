import Foundation
import Testing
import TestSupport

/// A weights file truncated while the program has it mapped ends the program with one line naming
/// the file, status 1 and (in the explorer) the terminal restored; a SIGBUS that is not about a
/// mapped file stays a crash, reported as one.
@Suite struct MappedFileFaultTests {
    /// Runs `alexnet-tui ARGUMENTS` under bash, which does `ACTION` (shell code; `$program` is the
    /// program's process ID, `$MAPPED_FILE` the file) `delay` seconds after `/proc/PID/maps` first
    /// lists `file`, then waits for the program and exits with its status (128 + the signal if a
    /// signal ended it). A program that never maps the file, or outlives the action by 30
    /// seconds, is killed (status 137).
    static func run(_ arguments: [String], whenMapping file: String, after delay: Double = 0.5,
                    then action: String, environment: [String: String?] = [:]) throws -> ProcessResult {
        let script = """
            "$@" & program=$!
            for attempt in $(seq 3000); do
              grep -qF "$MAPPED_FILE" /proc/$program/maps 2>/dev/null && break
              kill -0 $program 2>/dev/null || break; sleep 0.01
            done
            sleep \(delay)
            \(action)
            for attempt in $(seq 3000); do kill -0 $program 2>/dev/null || break; sleep 0.01; done
            kill -KILL $program 2>/dev/null
            wait $program
            """
        return try ProductBinary.run(arguments, environment: environment.merging(["MAPPED_FILE": file]) { $1 },
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
                                  then: #"truncate -s 4096 "$MAPPED_FILE""#)
        expectOneLineError(result, status: 1, message: "\(weights): the file changed or shrank while in use")
    }

    @Test func anImageTruncatedWhileDecodedEndsTheRunWithOneLine() throws {
        let scratch = try ScratchDirectory()
        let image = scratch.path("large.pgm")
        // The largest grey image, its raster a hole: no disk, and a decode that takes a while.
        let side = 16384
        try scratch.file("large.pgm", text: "P5\n\(side) \(side)\n255\n")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: image))
        try handle.truncate(atOffset: try handle.seekToEnd() + UInt64(side * side))
        try handle.close()
        let result = try Self.run(["--model", "alexnet", "--report", "table", image], whenMapping: image,
                                  after: 0, then: #"truncate -s 4096 "$MAPPED_FILE""#)
        expectOneLineError(result, status: 1, message: "\(image): the file changed or shrank while in use")
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
