import Foundation
import Testing
import TestSupport

/// JPEG and PNG on the command line: the same picture as PPM, JPEG and PNG gives the same report
/// header, from a file or a pipe; every damaged JPEG or PNG (the `bad-*` fixtures of
/// `scripts/make_image_fixtures.py`) gives one line and status 1, quickly.
@Suite struct CommandLineImageFormatTests {
    private static let fixtures = samplesDirectory.deletingLastPathComponent()
        .appendingPathComponent("Tests/EngineTests/Fixtures/Images")

    private func jsonReport(_ arguments: [String], stdin: String? = nil,
                            sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try ProductBinary.run(["--report", "json"] + arguments, stdin: stdin, timeout: 120)
        #expect(result.status == 0, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(object as? [String: Any], sourceLocation: sourceLocation)
    }

    @Test(arguments: ["chelsea.ppm", "chelsea.jpg", "chelsea.png"])
    func reportRunsOnEveryFormOfOnePicture(name: String) throws {
        let path = samplesDirectory.appendingPathComponent(name).path
        let report = try jsonReport([path])
        let image = try #require(report["image"] as? [String: Any])
        #expect(image["width"] as? Int == 451 && image["height"] as? Int == 300)
        #expect((report["layers"] as? [Any])?.count == 17)
    }

    /// A JPEG on standard input, whose name says nothing of its format.
    @Test func pipedJPEG() throws {
        let report = try jsonReport(["/dev/stdin"], stdin: samplesDirectory.appendingPathComponent("chelsea.jpg").path)
        let image = try #require(report["image"] as? [String: Any])
        #expect(image["width"] as? Int == 451 && image["height"] as? Int == 300)
    }

    @Test(arguments: [
        ("bad-jpeg-truncated.jpg", "JPEG decoder: Premature end of JPEG file"),
        ("bad-jpeg-huffman.jpg", "JPEG decoder: Bogus Huffman table definition"),
        ("bad-jpeg-huge.jpg", "width 20000 exceeds the limit of 16384"),
        ("bad-jpeg-zero-height.jpg", "JPEG decoder: Empty JPEG image (DNL not supported)"),
        ("bad-jpeg-scrambled.jpg", "JPEG decoder: Corrupt JPEG data: bad Huffman code"),
        ("bad-jpeg-zeroed.jpg", "JPEG decoder: Corrupt JPEG data: 29 extraneous bytes before marker 0xd9"),
        ("bad-jpeg-end-mid-scan.jpg", "JPEG decoder: Corrupt JPEG data: premature end of data segment"),
        ("bad-jpeg-progressive-memory.jpg",
         "this progressive JPEG's coefficients take 184 MB, over the decoder's limit of 64 MB"),
        ("bad-png-truncated.png", "PNG decoder: unexpected end of file"),
        ("bad-png-crc.png", "PNG decoder: IDAT: CRC error"),
        ("bad-png-huge.png", "width 100000 exceeds the limit of 16384"),
        ("bad-png-zero-width.png", "width 0 is not positive"),
        ("bad-png-palette-index.png", "palette index 5 at row 2, column 3 is outside the palette's 2 entries"),
        ("bad-png-interlaced-memory.png", "this interlaced PNG's rows take 96 MB, over the decoder's limit of 64 MB"),
        ("bad-png-idat-bomb.png", "PNG decoder: image data goes on past the last row (a decompression bomb?)"),
    ])
    func damagedFileGivesOneLineQuickly(name: String, reason: String) throws {
        let path = Self.fixtures.appendingPathComponent(name).path
        let start = ContinuousClock.now
        let result = try ProductBinary.run(["--report", "json", path], timeout: 20)
        let elapsed = ContinuousClock.now - start
        expectOneLineError(result, message: "\(path): \(reason)")
        #expect(elapsed < .seconds(2), "\(name) took \(elapsed)")
    }
}
