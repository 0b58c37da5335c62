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
    /// Writes `alexnet-tui: error: <message>` as exactly one line on stderr and exits.
    static func fail(_ message: String, status: Int32) -> Never {
        let line = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        FileHandle.standardError.write(Data("alexnet-tui: error: \(line)\n".utf8))
        exit(status)
    }
}
