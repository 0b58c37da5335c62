import Foundation

/// What a finished child process left behind.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    /// The process was killed for running past its time limit.
    public let timedOut: Bool
    /// Wall-clock time from launch to exit.
    public let seconds: Double
}

public struct ProductBinaryError: Error, CustomStringConvertible {
    public let description: String
}

/// The built `alexnet-tui` executable, for end-to-end tests that run the real program.
///
/// SwiftPM puts executables next to the test bundle (`.build/debug/alexnet-tui` beside
/// `.build/debug/alexnet-tuiPackageTests.xctest`); `ALEXNET_TUI_BINARY` overrides the location.
public enum ProductBinary {
    public static func url(named name: String = "alexnet-tui") throws -> URL {
        if let path = ProcessInfo.processInfo.environment["ALEXNET_TUI_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        var directories: [URL] = []
        // Linux: the test runner is the bundle's own executable.
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        // macOS: the `.xctest` bundle sits in the products directory.
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for directory in directories {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw ProductBinaryError(description: "no executable \(name) in \(directories.map(\.path)); build it first")
    }

    /// Runs the product with `arguments` and waits up to `timeout` seconds for it to exit.
    ///
    /// Standard input is `/dev/null` unless `stdin` names a file; output is captured through
    /// temporary files so a chatty child can never block on a full pipe. `environment` entries
    /// are added to this process's environment, or removed where the value is nil. `launcher`
    /// is put in front of the command, e.g. `["setpriv", "--reuid=65534", ...]`. `stdout` sends
    /// standard output to that file instead (e.g. `/dev/full`); the result's `stdout` is then empty.
    public static func run(_ arguments: [String], environment: [String: String?] = [:],
                           stdin: String? = nil, stdout: String? = nil, launcher: [String] = [],
                           timeout: Double = 60) throws -> ProcessResult {
        let binary = try url()
        let process = Process()
        if let tool = launcher.first {
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = Array(launcher.dropFirst()) + [binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        process.environment = variables

        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("product-binary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw ProductBinaryError(description: "cannot create output files in \(scratch.path)")
        }
        let out = try FileHandle(forWritingTo: stdout.map { URL(fileURLWithPath: $0) } ?? outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = try stdin.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) }
            ?? FileHandle.nullDevice

        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let start = Date()
        try process.run()
        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
        }
        let seconds = Date().timeIntervalSince(start)
        return ProcessResult(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
            timedOut: timedOut, seconds: seconds)
    }
}
