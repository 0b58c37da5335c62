import Testing
@testable import Engine

/// The resize makes its intermediate rows a band of output rows at a time (so the largest image
/// needs a few MB there, not 44 MB). Banding must not change a single bit of the result, which
/// the single-band path computes as the PIL fixtures check.
struct ResizeBandTests {
    @Test(arguments: [1, 4096, 65536])
    func bandsGiveTheSameBitsAsOneBand(bandBytes: Int) throws {
        let image = try NetpbmReader.read(path: ImageTestSupport.samplePath("chelsea.ppm"))
        // Shrinking (antialiased, wide filter), a window of an enlargement, and a grey image.
        let grey = NetpbmImage(width: image.width, height: image.height, channels: 1, maxValue: image.maxValue,
                               samples: stride(from: 0, to: image.samples.count, by: 3).map { image.samples[$0] })
        let cases: [(NetpbmImage, Int, Int, Range<Int>, Range<Int>)] = [
            (image, 224, 224, 0..<224, 0..<224),
            (image, 700, 1000, 100..<324, 13..<237),
            (grey, 57, 31, 0..<57, 0..<31),
        ]
        for (source, height, width, rows, columns) in cases {
            let whole = ImageResize.bilinear(source, height: height, width: width, rows: rows, columns: columns,
                                             bandBytes: .max)
            let banded = ImageResize.bilinear(source, height: height, width: width, rows: rows, columns: columns,
                                              bandBytes: bandBytes)
            #expect(banded.toArray() == whole.toArray(), "\(height)x\(width) window \(rows) x \(columns), \(bandBytes) bytes")
        }
    }

    /// 10 inputs to 4 outputs (step 2.5, support 2.5 each side of the centres 1.25, 3.75, 6.25, 8.75,
    /// as PIL truncates): reads 0..<4, 1..<6, 4..<9, 6..<10. Bands hold whole outputs and read no
    /// more than asked unless one output alone must.
    @Test func bandsCoverEveryOutputWithTheInputsItReads() {
        let weights = ResampleWeights(inputSize: 10, outputSize: 4, outputs: 0..<4)
        #expect(weights.first == [0, 1, 4, 6] && weights.count == [4, 5, 5, 4])
        let bands = weights.bands(maxInputRows: 6)
        #expect(bands.map(\.outputs) == [0..<2, 2..<4])
        #expect(bands.map(\.inputs) == [0..<6, 4..<10])
        #expect(weights.bands(maxInputRows: 1).map(\.outputs) == [0..<1, 1..<2, 2..<3, 3..<4])
        #expect(weights.bands(maxInputRows: 100).map(\.inputs) == [0..<10])
    }
}
