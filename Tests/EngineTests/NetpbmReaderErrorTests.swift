import Foundation
import Testing
@testable import Engine

/// Every way a file can be unusable gives one line naming the file and the problem, checked to
/// the letter; none traps, and none allocates what the file does not hold.
@Suite struct NetpbmReaderErrorTests {
    typealias T = ImageTestSupport

    private func expectError(_ bytes: [UInt8], _ message: String,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let image = try T.decode(bytes)
            Issue.record("decoded \(image.width)x\(image.height), expected \(message)",
                         sourceLocation: sourceLocation)
        } catch let error as FileError {
            #expect(error.kind == .image, sourceLocation: sourceLocation)
            #expect(error.description == message, sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    private func expectError(_ text: String, then raster: [UInt8] = [], _ message: String,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        expectError(Array(text.utf8) + raster, message, sourceLocation: sourceLocation)
    }

    private func expectReadError(_ path: String, _ message: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: FileError.self, sourceLocation: sourceLocation) {
            do { _ = try NetpbmReader.read(path: path) } catch let error as FileError {
                #expect(error.description == message, sourceLocation: sourceLocation)
                throw error
            }
        }
    }

    /// A fresh directory for files this test writes.
    private func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("netpbm-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: The file system

    @Test func missingFile() {
        expectReadError("/nonexistent/dir/x.ppm", "/nonexistent/dir/x.ppm: no such file")
    }

    @Test func directory() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        expectReadError(directory.path, "\(directory.path): is a directory")
    }

    @Test func emptyFile() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("x.ppm").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        expectReadError(path, "\(path): file is empty")
        expectError([], "x.ppm: file is empty")
    }

    @Test(.enabled(if: getuid() != 0, "root reads files whatever their permissions"))
    func unreadableFile() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("x.ppm").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("P5 1 1 255\n\0".utf8),
                                               attributes: [.posixPermissions: 0o000]))
        expectReadError(path, "\(path): permission denied")
    }

    @Test func systemErrorsMapToTheirMessages() {
        #expect(FileError(image: "x.ppm", .init(errno: EACCES)).description == "x.ppm: permission denied")
        #expect(FileError(image: "x.ppm", .init(errno: ENOENT)).description == "x.ppm: no such file")
        #expect(FileError(image: "x.ppm", .init(errno: EISDIR)).description == "x.ppm: is a directory")
        #expect(FileError(image: "x.ppm", .init(errno: EIO)).description == "x.ppm: cannot read (Input/output error)")
    }

    @Test func streamsAreReadToTheEnd() throws {
        // A pipe has no size to map: the reader falls back to reading it.
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("fifo").path
        #expect(mkfifo(path, 0o600) == 0)
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: path)
            handle?.write(Data("P5 2 1 255\n".utf8) + Data([5, 6]))
            try? handle?.close()
        }
        writer.start()
        let image = try NetpbmReader.read(path: path)
        #expect(image.samples == [5, 6])
    }

    @Test func endlessStreamsOfSomethingElseFailAtOnce() {
        expectReadError("/dev/zero", "/dev/zero: not a Netpbm file (starts with \"\\x00\\x00\\x00\\x00\")")
    }

    // MARK: The header

    @Test func notNetpbm() {
        expectError("GIF89a\u{1}\0", "x.ppm: not a Netpbm file (starts with \"GIF8\")")
        expectError([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A], "x.ppm: not a Netpbm file (starts with \"\\x89PNG\")")
        expectError("P", "x.ppm: not a Netpbm file (starts with \"P\")")
        expectError("PK\u{3}\u{4}", "x.ppm: not a Netpbm file (starts with \"PK\\x03\\x04\")")
    }

    @Test func badMagic() {
        expectError("P9\n1 1\n255\n", "x.ppm: bad magic \"P9\"")
        expectError("P0 1 1", "x.ppm: bad magic \"P0\"")
        expectError("P66 1 1 255\n", "x.ppm: bad magic \"P66\"")
    }

    @Test func headerEndsEarly() {
        expectError("P6", "x.ppm: header ends before the width")
        expectError("P6\n451 # no height\n", "x.ppm: header ends before the height")
        expectError("P6\n451 300", "x.ppm: header ends before the maxval")
    }

    @Test func nonNumericHeaderFields() {
        expectError("P6\nabc 3\n255\n", "x.ppm: header field \"width\" is not a number (\"abc\")")
        expectError("P6\n3 4x\n255\n", "x.ppm: header field \"height\" is not a number (\"4x\")")
        expectError("P6\n3 4\n25.5\n", "x.ppm: header field \"maxval\" is not a number (\"25.5\")")
        expectError("P6\n3 -\n255\n", "x.ppm: header field \"height\" is not a number (\"-\")")
        expectError("P6\n+3 4\n255\n", "x.ppm: header field \"width\" is not a number (\"+3\")")
        expectError("P5\n\u{1}\u{2}\u{3} 1 255\n", "x.ppm: header field \"width\" is not a number (\"\\x01\\x02\\x03\")")
    }

    @Test func zeroOrNegativeDimensions() {
        expectError("P6\n0 3\n255\n", "x.ppm: width 0 is not positive")
        expectError("P6\n3 -3\n255\n", "x.ppm: height -3 is not positive")
        expectError("P1\n-0 3\n", "x.ppm: width -0 is not positive")
    }

    @Test func hugeDimensionsFailBeforeAllocating() {
        // 60 bytes claiming 100000x100000: rejected from the header alone.
        let header = "P6\n100000 100000\n255\n"
        expectError(header, then: [UInt8](repeating: 0, count: 60 - header.utf8.count),
                    "x.ppm: width 100000 exceeds the limit of 16384")
        expectError("P5 16384 16385 255\n", "x.ppm: height 16385 exceeds the limit of 16384")
        expectError("P5 123456789012345678901234567890 1 255\n",
                    "x.ppm: width 1234567890123456... exceeds the limit of 16384")
        // The largest accepted size, with the data missing: compared with the file, not allocated.
        expectError("P6\n16384 16384\n65535\n", then: [1, 2, 3],
                    "x.ppm: truncated pixel data: expected 1610612736 bytes, found 3")
        expectError("P3\n16384 16384\n255\n1 2 3\n",
                    "x.ppm: truncated pixel data: expected 805306368 samples, found 3")
        expectError("P1\n16384 16384\n0 1\n",
                    "x.ppm: truncated pixel data: expected 268435456 samples, found 2")
    }

    @Test func maxvalOutOfRange() {
        expectError("P5\n2 2\n0\n", "x.ppm: maxval 0 is outside 1...65535")
        expectError("P5\n2 2\n65536\n", "x.ppm: maxval 65536 is outside 1...65535")
        expectError("P6\n2 2\n-1\n", "x.ppm: maxval -1 is outside 1...65535")
    }

    @Test func pamHeaderProblems() {
        expectError("P7\nWIDTH 2\n", "x.ppm: PAM header has no ENDHDR")
        expectError("P7\nWIDTH 1\nHEIGHT 1\nFOO 1\nENDHDR\n", "x.ppm: unknown PAM header keyword \"FOO\"")
        expectError("P7\nWIDTH 1\nHEIGHT 1\nMAXVAL 255\nENDHDR\n", "x.ppm: PAM header has no DEPTH")
        expectError("P7\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nENDHDR\n", "x.ppm: PAM header has no WIDTH")
        expectError("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 4\nMAXVAL 255\nTUPLTYPE CMYK\nENDHDR\n",
                    "x.ppm: unsupported PAM tuple type \"CMYK\" with depth 4")
        expectError("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 5\nMAXVAL 255\nENDHDR\n",
                    "x.ppm: PAM depth 5 without a TUPLTYPE is not supported")
        expectError("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 2\nMAXVAL 255\nTUPLTYPE RGB\nENDHDR\n",
                    "x.ppm: PAM tuple type RGB needs depth 3, found 2")
        expectError("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nTUPLTYPE BLACKANDWHITE\nENDHDR\n",
                    "x.ppm: PAM tuple type BLACKANDWHITE needs maxval 1, found 255")
        expectError("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 0\nMAXVAL 255\nENDHDR\n", "x.ppm: depth 0 is not positive")
        expectError("P7\nWIDTH\nHEIGHT 1\n", "x.ppm: header ends before the width")
        expectError("P7\nWIDTH 20000\n", "x.ppm: width 20000 exceeds the limit of 16384")
        expectError("P7\nWIDTH 2\nHEIGHT 2\nDEPTH 1\nMAXVAL 70000\nENDHDR\n", "x.ppm: maxval 70000 is outside 1...65535")
    }

    // MARK: The pixel data

    @Test func truncatedRawPixelData() {
        expectError("P6\n451 300\n255\n", then: [UInt8](repeating: 7, count: 1200),
                    "x.ppm: truncated pixel data: expected 405900 bytes, found 1200")
        expectError("P6\n451 300\n255\n", "x.ppm: truncated pixel data: expected 405900 bytes, found 0")
        expectError("P4\n9 2\n", then: [0, 0, 0], "x.ppm: truncated pixel data: expected 4 bytes, found 3")
        expectError("P7\nWIDTH 2\nHEIGHT 1\nDEPTH 4\nMAXVAL 65535\nTUPLTYPE RGB_ALPHA\nENDHDR\n",
                    then: [UInt8](repeating: 0, count: 15),
                    "x.ppm: truncated pixel data: expected 16 bytes, found 15")
    }

    @Test func truncatedPlainPixelData() {
        expectError("P2\n3 2\n255\n1 2 3\n", "x.ppm: truncated pixel data: expected 6 samples, found 3")
        expectError("P2\n2 2\n255\n1 2 3  # long comment\n",
                    "x.ppm: truncated pixel data: expected 4 samples, found 3")
        expectError("P1\n3 2\n0 1 0 1 # comment\n", "x.ppm: truncated pixel data: expected 6 samples, found 4")
    }

    @Test func plainSamplesThatAreNotNumbers() {
        expectError("P2\n2 1\n10\n5 x\n", "x.ppm: sample at row 0, column 1 is not a number (\"x\")")
        expectError("P3\n2 2\n255\n1 2 3 4 5 6\n7 8 9 10 -1 12\n",
                    "x.ppm: sample at row 1, column 1 is not a number (\"-1\")")
        expectError("P1\n2 2\n0 1\n1 2\n", "x.ppm: sample at row 1, column 1 is not 0 or 1 (\"2\")")
    }

    @Test func samplesAboveMaxval() {
        expectError("P2\n2 1\n10\n5 11\n", "x.ppm: sample 11 at row 0, column 1 exceeds maxval 10")
        expectError("P3\n1 2\n255\n0 0 0 0 256 0\n", "x.ppm: sample 256 at row 1, column 0 exceeds maxval 255")
        expectError("P5\n2 1\n100\n", then: [50, 200], "x.ppm: sample 200 at row 0, column 1 exceeds maxval 100")
        expectError("P6\n1 1\n1000\n", then: [0, 0, 0x03, 0xE9, 0, 0],
                    "x.ppm: sample 1001 at row 0, column 0 exceeds maxval 1000")
    }

    @Test func errorsNameTheFileAsGiven() throws {
        let error = #expect(throws: FileError.self) {
            try T.decode(Array("GIF89a".utf8), name: "samples/x.ppm")
        }
        #expect(error?.description == "samples/x.ppm: not a Netpbm file (starts with \"GIF8\")")
    }
}
