import Foundation
import Testing
import TestSupport

/// Every image that cannot be used gives one line naming the file and why, and exit status 1.
@Suite struct CommandLineImageErrorTests {
    private func run(_ path: String, launcher: [String] = []) throws -> ProcessResult {
        try ProductBinary.run(["--report", "json", path], launcher: launcher, timeout: 20)
    }

    private func expectImageError(_ bytes: [UInt8], _ why: String,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.file("image.ppm", bytes)
        expectOneLineError(try run(path), message: "\(path): \(why)", sourceLocation: sourceLocation)
    }

    private func header(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func missingFile() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("missing.ppm")
        expectOneLineError(try run(path), message: "\(path): no such file")
    }

    @Test func directory() throws {
        let scratch = try ScratchDirectory()
        expectOneLineError(try run(scratch.url.path), message: "\(scratch.url.path): is a directory")
    }

    /// As root every file is readable, so the program runs as `nobody` (via setpriv) on a mode-000 file.
    @Test func unreadableFile() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.file("secret.ppm", header("P6\n1 1\n255\nabc"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.url.path)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        expectOneLineError(try run(path, launcher: unprivilegedLauncher), message: "\(path): permission denied")
    }

    @Test func emptyFile() throws {
        try expectImageError([], "file is empty")
    }

    @Test func notANetpbmFile() throws {
        try expectImageError(header("hello, world\n"), "not a Netpbm, JPEG or PNG file (starts with \"hell\")")
    }

    @Test func badMagic() throws {
        try expectImageError(header("P9\n2 2\n255\n") + [UInt8](repeating: 0, count: 12), "bad magic \"P9\"")
    }

    @Test func negativeWidth() throws {
        try expectImageError(header("P6\n-3 2\n255\n") + [UInt8](repeating: 0, count: 18), "width -3 is not positive")
    }

    @Test func zeroHeight() throws {
        try expectImageError(header("P6\n2 0\n255\n"), "height 0 is not positive")
    }

    @Test func hugeDimensionsFailBeforeAllocating() throws {
        // 40 bytes promising 30 GB: rejected from the header (the process stays small; see the report).
        try expectImageError(header("P6\n100000 100000\n255\n") + [UInt8](repeating: 7, count: 40),
                             "width 100000 exceeds the limit of 16384")
    }

    @Test func maxvalZero() throws {
        try expectImageError(header("P6\n1 1\n0\n") + [0, 0, 0], "maxval 0 is outside 1...65535")
    }

    @Test func maxvalAbove65535() throws {
        try expectImageError(header("P6\n1 1\n65536\n") + [UInt8](repeating: 0, count: 6),
                             "maxval 65536 is outside 1...65535")
    }

    @Test func truncatedPixelData() throws {
        try expectImageError(header("P6\n4 4\n255\n") + [UInt8](repeating: 9, count: 10),
                             "truncated pixel data: expected 48 bytes, found 10")
    }

    @Test func nonNumericHeaderField() throws {
        try expectImageError(header("P6\nwide 4\n255\n") + [UInt8](repeating: 0, count: 48),
                             "header field \"width\" is not a number (\"wide\")")
    }
}
