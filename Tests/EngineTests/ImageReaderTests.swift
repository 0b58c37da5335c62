import Foundation
import Testing
@testable import Engine

/// The format is told by the first bytes, whatever the name; one picture in three formats reads
/// the same.
@Suite struct ImageReaderTests {
    typealias T = ImageTestSupport

    @Test func formatIsChosenByTheFirstBytesNotTheName() throws {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("image-reader-\(ProcessInfo.processInfo.processIdentifier)-\(UUID()).ppm")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try T.fixture("Images/png-rgb.png").write(to: scratch)
        try T.expectPillowPixels(try ImageReader.read(path: scratch.path), fixture: "png-rgb")
        try T.fixture("Images/jpeg-444.jpg").write(to: scratch)
        try T.expectPillowPixels(try ImageReader.read(path: scratch.path), fixture: "jpeg-444")
    }

    @Test func netpbmReadsAsBefore() throws {
        let path = T.imageFixturePath("png-rgb.pil.ppm")
        #expect(try ImageReader.read(path: path) == NetpbmReader.read(path: path))
    }

    @Test func otherFormatsAreNamed() {
        func expectError(_ bytes: [UInt8], _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(throws: FileError(.image, file: "x", reason), sourceLocation: sourceLocation) {
                try bytes.withUnsafeBytes { try ImageReader.decode($0, name: "x") }
            }
        }
        expectError(Array("GIF89a\u{1}\0".utf8), "not a Netpbm, JPEG or PNG file (starts with \"GIF8\")")
        // A PNG signature cut short, a lone JPEG SOI marker: not enough to be either.
        expectError([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A], "not a Netpbm, JPEG or PNG file (starts with \"\\x89PNG\")")
        expectError([0xFF, 0xD8], "not a Netpbm, JPEG or PNG file (starts with \"\\xFF\\xD8\")")
        expectError([], "file is empty")
    }

    /// A stream of something else (`/dev/zero`) fails after its first read, not at the limit.
    @Test func endlessStreamsOfSomethingElseFailAtOnce() {
        #expect(throws: FileError(.image, file: "/dev/zero",
                                  "not a Netpbm, JPEG or PNG file (starts with \"\\x00\\x00\\x00\\x00\")")) {
            try ImageReader.read(path: "/dev/zero")
        }
    }
}
