import Testing
@testable import Engine

/// The PNG reader gives Pillow's pixels exactly (its 16-bit and palette rules included), and
/// refuses damaged files and decompression bombs with one line.
@Suite struct PNGReaderTests {
    typealias T = ImageTestSupport

    @Test(arguments: ["png-rgb", "png-palette", "png-palette-trns", "png-grey-alpha", "png-grey16", "png-rgb16",
                      "png-grey-alpha16", "png-grey2", "png-interlaced", "png-interlaced-rgba16"])
    func decodesAsPillowDoes(fixture: String) throws {
        let image = try ImageReader.read(path: T.imageFixturePath("\(fixture).png"))
        try T.expectPillowPixels(image, fixture: fixture)
    }

    /// Pillow's rule for 16-bit grey, seen in the fixture: clipped to 255 (the fixture's values
    /// reach 1023, so most pixels are white), not scaled.
    @Test func sixteenBitGreyIsClippedAsPillowDoes() throws {
        let grey = try ImageReader.read(path: T.imageFixturePath("png-grey16.png"))
        #expect(grey.samples.filter { $0 == 255 }.count > grey.samples.count / 2)
    }

    @Test func consumedBytesAreReportedAsTheyGrow() throws {
        try T.expectConsumedOffsetsGrow("png-rgb.png", fixture: "png-rgb") {
            try PNGReader.decode($0, name: "x", releaseConsumed: $1)
        }
    }

    @Test func damagedFilesGiveOneLine() {
        T.expectFixtureError("bad-png-truncated.png", "PNG decoder: unexpected end of file")
        T.expectFixtureError("bad-png-crc.png", "PNG decoder: IDAT: CRC error")
        T.expectFixtureError("bad-png-palette-index.png",
                             "palette index 5 at row 2, column 3 is outside the palette's 2 entries")
    }

    @Test func sizesAreCheckedFromTheHeader() {
        T.expectFixtureError("bad-png-huge.png", "width 100000 exceeds the limit of 16384")
        T.expectFixtureError("bad-png-zero-width.png", "width 0 is not positive")
        T.expectFixtureError("bad-png-interlaced-memory.png",
                             "this interlaced PNG's rows take 96 MB, over the decoder's limit of 64 MB")
    }

    /// 64x64 pixels followed by 1 GiB of zeros in the same compressed stream: refused after a
    /// little of the excess, not after inflating it all.
    @Test(.timeLimit(.minutes(1))) func decompressionBombIsRefusedQuickly() {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            T.expectFixtureError("bad-png-idat-bomb.png",
                                 "PNG decoder: image data goes on past the last row (a decompression bomb?)")
        }
        #expect(elapsed < .seconds(1))
    }
}
