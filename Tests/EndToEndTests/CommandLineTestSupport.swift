import Foundation
import Testing
import TestSupport

/// The repository's `samples/` directory.
let samplesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("samples")

/// A fresh directory for one test's files, removed when the value goes away.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("alexnet-tui-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to `name` and returns its path.
    @discardableResult
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @discardableResult
    func file(_ name: String, text: String) throws -> String {
        try file(name, Array(text.utf8))
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Checks that the program failed with `status`, wrote nothing on stdout, and wrote exactly one
/// line on stderr: `alexnet-tui: error: ` followed by `message` (or text containing each of
/// `containing`, when the exact wording belongs to another module).
func expectOneLineError(_ result: ProcessResult, status: Int32 = 1, message: String? = nil,
                        containing fragments: [String] = [],
                        sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!result.timedOut, "did not exit in time", sourceLocation: sourceLocation)
    #expect(result.status == status, "exit status; stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, "stdout: \(result.stdout.prefix(200))", sourceLocation: sourceLocation)
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2 && lines[1].isEmpty, "one line on stderr: \(result.stderr)",
            sourceLocation: sourceLocation)
    let line = String(lines.first ?? "")
    #expect(line.hasPrefix("alexnet-tui: error: "), "\(line)", sourceLocation: sourceLocation)
    let text = String(line.dropFirst("alexnet-tui: error: ".count))
    if let message {
        #expect(text == message, sourceLocation: sourceLocation)
    }
    for fragment in fragments {
        #expect(text.contains(fragment), "\(fragment) not in: \(text)", sourceLocation: sourceLocation)
    }
}

/// The launcher that runs the product as an unprivileged user when the tests run as root, who
/// can read any file whatever its mode.
var unprivilegedLauncher: [String] {
    getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
}
