import Foundation
import Testing
import TestSupport

/// Every image that cannot be used gives one line naming the file and why, and exit status 1.
@Suite struct CommandLineImageErrorTests {
    private func run(_ path: String, launcher: [String] = []) throws -> ProcessResult {
        try ProductBinary.run(["--report", "json", path], launcher: launcher, timeout: 20)
    }

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
        let path = try scratch.file("secret.ppm", Array("P6\n1 1\n255\nabc".utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.url.path)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        expectOneLineError(try run(path, launcher: unprivilegedLauncher), message: "\(path): permission denied")
    }

    /// An image's bytes and the reason the program gives for them.
    struct BadImage: Sendable, CustomTestStringConvertible {
        let bytes: [UInt8]
        let reason: String
        init(_ header: String, zeros: Int = 0, _ reason: String) {
            bytes = Array(header.utf8) + [UInt8](repeating: 0, count: zeros)
            self.reason = reason
        }
        var testDescription: String { reason }
    }

    static let badImages: [BadImage] = [
        BadImage("", "file is empty"),
        BadImage("hello, world\n", "not a Netpbm, JPEG or PNG file (starts with \"hell\")"),
        BadImage("P9\n2 2\n255\n", zeros: 12, "bad magic \"P9\""),
        BadImage("P6\n-3 2\n255\n", zeros: 18, "width -3 is not positive"),
        BadImage("P6\n2 0\n255\n", "height 0 is not positive"),
        // 40 bytes promising 30 GB: rejected from the header (the process stays small; see the report).
        BadImage("P6\n100000 100000\n255\n", zeros: 40, "width 100000 exceeds the limit of 16384"),
        BadImage("P6\n1 1\n0\n", zeros: 3, "maxval 0 is outside 1...65535"),
        BadImage("P6\n1 1\n65536\n", zeros: 6, "maxval 65536 is outside 1...65535"),
        BadImage("P6\n4 4\n255\n", zeros: 10, "truncated pixel data: expected 48 bytes, found 10"),
        BadImage("P6\nwide 4\n255\n", zeros: 48, "header field \"width\" is not a number (\"wide\")"),
    ]

    @Test(arguments: badImages)
    func badImageIsNamedWithItsReason(_ image: BadImage) throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.file("image.ppm", image.bytes)
        expectOneLineError(try run(path), message: "\(path): \(image.reason)")
    }
}
