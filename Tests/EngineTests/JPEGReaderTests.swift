import Testing
@testable import Engine

/// The JPEG reader gives Pillow's pixels exactly, and refuses damaged files with one line.
@Suite struct JPEGReaderTests {
    typealias T = ImageTestSupport

    @Test(arguments: ["jpeg-420", "jpeg-422", "jpeg-444", "jpeg-grey", "jpeg-progressive", "jpeg-cmyk"])
    func decodesAsPillowDoes(fixture: String) throws {
        let image = try ImageReader.read(path: T.imageFixturePath("\(fixture).jpg"))
        #expect(image.channels == (fixture == "jpeg-grey" ? 1 : 3))
        try T.expectPillowPixels(image, fixture: fixture)
    }

    /// Worked by hand from Pillow's `cmyk2rgb` (and checked with Pillow): stored values are
    /// inverted CMYK, so (255, 127, 255, 191) is C 0, M 128, Y 0, K 64: 255 - K = 191, and
    /// 191 - round(128 x 191 / 255) = 95.
    @Test func cmykBecomesRGBByPillowsRule() {
        let stored: [UInt8] = [255, 127, 255, 191, 245, 235, 225, 55, 255, 255, 255, 255, 0, 0, 0, 0]
        var rgb = [UInt16](repeating: 9, count: 12)
        stored.withUnsafeBufferPointer { source in
            rgb.withUnsafeMutableBufferPointer { JPEGReader.cmykToRGB(source, into: $0, pixels: 4) }
        }
        #expect(rgb == [191, 95, 191, 53, 51, 49, 255, 255, 255, 0, 0, 0])
    }

    @Test func consumedBytesAreReportedAsTheyGrow() throws {
        try T.expectConsumedOffsetsGrow("jpeg-420.jpg", fixture: "jpeg-420") {
            try JPEGReader.decode($0, name: "x", releaseConsumed: $1)
        }
    }

    @Test func damagedFilesGiveOneLine() {
        T.expectFixtureError("bad-jpeg-truncated.jpg", "JPEG decoder: Premature end of JPEG file")
        T.expectFixtureError("bad-jpeg-huffman.jpg", "JPEG decoder: Bogus Huffman table definition")
        T.expectFixtureError("bad-jpeg-zero-height.jpg", "JPEG decoder: Empty JPEG image (DNL not supported)")
    }

    /// Damaged scan data that libjpeg only warns about (and Pillow would decode to guessed pixels)
    /// is refused with libjpeg's warning, as djpeg refuses it; the zeroed file's damage is found
    /// only when the file is read on to its end marker after the last row.
    @Test func corruptScanDataIsRefusedWithLibjpegsMessage() {
        T.expectFixtureError("bad-jpeg-scrambled.jpg", "JPEG decoder: Corrupt JPEG data: bad Huffman code")
        T.expectFixtureError("bad-jpeg-zeroed.jpg", "JPEG decoder: Corrupt JPEG data: 29 extraneous bytes before marker 0xd9")
        T.expectFixtureError("bad-jpeg-end-mid-scan.jpg", "JPEG decoder: Corrupt JPEG data: premature end of data segment")
    }

    @Test func sizesAreCheckedFromTheHeader() {
        T.expectFixtureError("bad-jpeg-huge.jpg", "width 20000 exceeds the limit of 16384")
        // 8000 x 8000 in 4:2:0: (1000 x 1000 + 2 x 500 x 500) blocks of 128 bytes.
        T.expectFixtureError("bad-jpeg-progressive-memory.jpg",
                             "this progressive JPEG's coefficients take 184 MB, over the decoder's limit of 64 MB")
    }
}
