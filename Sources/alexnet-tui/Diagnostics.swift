import Engine
import Foundation

enum ExitStatus {
    static let success: Int32 = 0
    /// A runtime error: a file that cannot be read, a bad image, unusable weights.
    static let failure: Int32 = 1
    /// A usage error (sysexits.h `EX_USAGE`): an unknown option or value.
    static let usage: Int32 = 64
}

/// A runtime error the command reports and exits on; `message` already names the file.
struct CommandFailure: Error {
    let message: String
    var status: Int32 = ExitStatus.failure
}

enum Diagnostics {
    /// Writes all of `text` to stdout; a failure (a closed pipe when SIGPIPE is ignored, a full
    /// disk) becomes a one-line error with the system's words for it.
    static func writeStandardOutput(_ text: String) throws {
        do {
            try Array(text.utf8).withUnsafeBytes { try StreamWriting.writeAll(STDOUT_FILENO, $0) }
        } catch let failure as StreamWriting.Failure {
            throw CommandFailure(message: "standard output: \(failure.reason)")
        }
    }

    /// Writes `alexnet-tui: error: <message>` as exactly one line on stderr and exits.
    static func fail(_ message: String, status: Int32) -> Never {
        // A closed or full stderr leaves nowhere to say it; the status still does.
        try? Array(errorLine(message).utf8).withUnsafeBytes { try StreamWriting.writeAll(STDERR_FILENO, $0) }
        exit(status)
    }

    /// `alexnet-tui: error: <message>` and a newline, the message's own line breaks made spaces.
    static func errorLine(_ message: String) -> String {
        let line = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        return "alexnet-tui: error: \(line)\n"
    }
}
