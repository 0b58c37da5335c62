import Foundation
import Testing
@testable import Engine

/// Valid Netpbm files of every kind decode to the samples they hold.
@Suite struct NetpbmReaderTests {
    typealias T = ImageTestSupport

    private func expectImage(_ image: NetpbmImage, width: Int, height: Int, channels: Int,
                             maxValue: Int, samples: [UInt16],
                             sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(image == NetpbmImage(width: width, height: height, channels: channels,
                                     maxValue: maxValue, samples: samples),
                sourceLocation: sourceLocation)
    }

    @Test func plainBitmapInvertsSoThatBlackIsZero() throws {
        let image = try T.decode("P1\n# a comment\n3 2\n0 1 0\n1 0 1\n")
        expectImage(image, width: 3, height: 2, channels: 1, maxValue: 1, samples: [1, 0, 1, 0, 1, 0])
    }

    @Test func plainBitmapNeedsNoSeparatorsBetweenBits() throws {
        let image = try T.decode("P1 3 2 010#c\n101")
        expectImage(image, width: 3, height: 2, channels: 1, maxValue: 1, samples: [1, 0, 1, 0, 1, 0])
    }

    @Test func rawBitmapReadsBitsMostSignificantFirstWithPaddedRows() throws {
        // 10 pixels a row: two bytes, the last six bits padding.
        let image = try T.decode("P4\n10 2\n", then: [0b1010_1010, 0b1011_1111, 0xFF, 0xC0])
        expectImage(image, width: 10, height: 2, channels: 1, maxValue: 1,
                    samples: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1] + [UInt16](repeating: 0, count: 10))
    }

    @Test func plainGraymapWithSixteenBitValues() throws {
        let image = try T.decode("P2\n3 1\n# maxval next\n65535\n0 32768\n65535\n")
        expectImage(image, width: 3, height: 1, channels: 1, maxValue: 65535, samples: [0, 32768, 65535])
    }

    @Test func plainPixmapOnOneLine() throws {
        let image = try T.decode("P3 2 1 255 1 2 3 4 5 6")
        expectImage(image, width: 2, height: 1, channels: 3, maxValue: 255, samples: [1, 2, 3, 4, 5, 6])
    }

    @Test func rawGraymapAfterCommentEndingTheHeader() throws {
        // The newline ending a comment after maxval is the single whitespace before the raster.
        let image = try T.decode("P5\n2 1\n255#c\n", then: [7, 200])
        expectImage(image, width: 2, height: 1, channels: 1, maxValue: 255, samples: [7, 200])
    }

    @Test func rawGraymapSixteenBitIsBigEndian() throws {
        let image = try T.decode("P5 2 1 65535\n", then: [0x01, 0x02, 0xFF, 0xFE])
        expectImage(image, width: 2, height: 1, channels: 1, maxValue: 65535, samples: [258, 65534])
    }

    @Test func rawPixmapWithAnyWhitespaceAndComments() throws {
        // The raster's first byte is whitespace (a newline): only one delimiter byte is skipped.
        let image = try T.decode("P6 #one\n#two\n 2\t#three\n\r1\u{0B}\u{0C}255\n", then: [10, 32, 13, 4, 5, 6])
        expectImage(image, width: 2, height: 1, channels: 3, maxValue: 255, samples: [10, 32, 13, 4, 5, 6])
    }

    @Test func rawPixmapSixteenBitWithSmallMaxval() throws {
        let image = try T.decode("P6 1 1 1000\n", then: [0x03, 0xE8, 0x00, 0x00, 0x01, 0xF4])
        expectImage(image, width: 1, height: 1, channels: 3, maxValue: 1000, samples: [1000, 0, 500])
    }

    @Test func onlyTheFirstImageOfAMultiImageFileIsRead() throws {
        let image = try T.decode("P5 1 1 255\n", then: [9] + Array("P5 1 1 255\n".utf8) + [77])
        expectImage(image, width: 1, height: 1, channels: 1, maxValue: 255, samples: [9])
    }

    @Test func pamGrayscale() throws {
        let image = try T.decode("P7\nWIDTH 2\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nTUPLTYPE GRAYSCALE\nENDHDR\n",
                                 then: [3, 4])
        expectImage(image, width: 2, height: 1, channels: 1, maxValue: 255, samples: [3, 4])
    }

    @Test func pamRGBWithCommentsAndFieldsInAnyOrder() throws {
        let image = try T.decode("P7\n# made by hand\nTUPLTYPE RGB\n  MAXVAL 255\nDEPTH 3\nHEIGHT 1\nWIDTH 1\nENDHDR\n",
                                 then: [1, 2, 3])
        expectImage(image, width: 1, height: 1, channels: 3, maxValue: 255, samples: [1, 2, 3])
    }

    @Test func pamAlphaIsDropped() throws {
        let rgba = try T.decode("P7\nWIDTH 2\nHEIGHT 1\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n",
                                then: [1, 2, 3, 255, 4, 5, 6, 0])
        expectImage(rgba, width: 2, height: 1, channels: 3, maxValue: 255, samples: [1, 2, 3, 4, 5, 6])
        let greyAlpha = try T.decode("P7\nWIDTH 2\nHEIGHT 1\nDEPTH 2\nMAXVAL 65535\nTUPLTYPE GRAYSCALE_ALPHA\nENDHDR\n",
                                     then: [0x12, 0x34, 0xFF, 0xFF, 0xAB, 0xCD, 0, 0])
        expectImage(greyAlpha, width: 2, height: 1, channels: 1, maxValue: 65535, samples: [0x1234, 0xABCD])
    }

    @Test func pamBlackAndWhiteKeepsZeroAsBlack() throws {
        let image = try T.decode("P7\nWIDTH 3\nHEIGHT 1\nDEPTH 1\nMAXVAL 1\nTUPLTYPE BLACKANDWHITE\nENDHDR\n",
                                 then: [0, 1, 0])
        expectImage(image, width: 3, height: 1, channels: 1, maxValue: 1, samples: [0, 1, 0])
    }

    @Test func pamWithoutTupleTypeGoesByDepth() throws {
        let image = try T.decode("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 3\nMAXVAL 15\nENDHDR\n", then: [15, 0, 7])
        expectImage(image, width: 1, height: 1, channels: 3, maxValue: 15, samples: [15, 0, 7])
    }

    @Test func theChelseaSampleFile() throws {
        let image = try NetpbmReader.read(path: T.samplePath("chelsea.ppm"))
        #expect((image.width, image.height, image.channels, image.maxValue) == (451, 300, 3, 255))
        #expect(image.samples.count == 451 * 300 * 3)
        // Pixels as PIL reads them: (0, 0), (row 123, column 321) and the last.
        #expect(Array(image.samples[0..<3]) == [143, 120, 104])
        let at = (123 * 451 + 321) * 3
        #expect(Array(image.samples[at..<at + 3]) == [41, 34, 24])
        #expect(Array(image.samples.suffix(3)) == [162, 138, 128])
    }

    @Test func readingAFileOfSeveralBlocksEqualsDecodingItsBytes() throws {
        // 8.8 MB of 16-bit RGBA: decoded (and released from the mapping) in two blocks of 8 MB.
        let (width, height) = (1100, 1000)
        var bytes = Array("P7\nWIDTH \(width)\nHEIGHT \(height)\nDEPTH 4\nMAXVAL 65535\nTUPLTYPE RGB_ALPHA\nENDHDR\n".utf8)
        bytes += (0..<width * height * 8).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 13) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("blocks-\(UUID().uuidString).pam").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let image = try NetpbmReader.read(path: path)
        #expect(image == (try T.decode(bytes, name: path)))
        let last = bytes.count - 8   // the last pixel's R, G, B; its alpha dropped
        #expect(Array(image.samples.suffix(3)) == [0, 2, 4].map { UInt16(bytes[last + $0]) << 8 | UInt16(bytes[last + $0 + 1]) })
    }

    @Test func readingAFileEqualsDecodingItsBytes() throws {
        let path = T.samplePath("coffee.ppm")
        let bytes = try [UInt8](T.fixtureData(path: path))
        #expect(try NetpbmReader.read(path: path) == T.decode(bytes, name: path))
    }
}
