import Testing
import TestSupport
@testable import Engine

/// Both presets' preprocessing: torchvision's size and crop rules, 224x224 passed through, and the
/// real samples against PIL / torchvision output.
@Suite struct PreprocessingTests {
    typealias T = ImageTestSupport

    private let mean: [Float] = [0.485, 0.456, 0.406]
    private let std: [Float] = [0.229, 0.224, 0.225]

    @Test func torchvisionResizesTheShorterSideTo256AndCropsTheCenter() {
        let p = Preprocessing.torchvision
        // int(256 * 451 / 300) = 384; crop offsets (256 - 224) / 2 = 16, (384 - 224) / 2 = 80.
        #expect(p.window(width: 451, height: 300) == (256, 384, 16, 80))
        #expect(p.window(width: 300, height: 451) == (384, 256, 80, 16))
        #expect(p.window(width: 600, height: 400) == (256, 384, 16, 80))
        // int(256 * 300 / 257) = 298 (298.8 truncated).
        #expect(p.window(width: 257, height: 300) == (298, 256, 37, 16))
        // (297 - 224) / 2 = 36.5 rounds half to even, as Python's round does: 36.
        #expect(p.window(width: 256, height: 297) == (297, 256, 36, 16))
        // Small images are enlarged.
        #expect(p.window(width: 10, height: 10) == (256, 256, 16, 16))
        #expect(p.window(width: 224, height: 224) == (224, 224, 0, 0))
        #expect(Preprocessing.seed.window(width: 451, height: 300) == (224, 224, 0, 0))
    }

    @Test func a224ImageIsUsedAsItIs() {
        let samples: [UInt16] = (0..<224 * 224 * 3).map { UInt16($0 * 7919 % 1001) }
        let image = NetpbmImage(width: 224, height: 224, channels: 3, maxValue: 1000, samples: samples)
        let seed = Preprocessing.seed.tensor(from: image)
        #expect(seed.shape == Shape(224, 224, 3))
        #expect(seed.toArray() == samples.map { Float($0) / 1000 })
        let torchvision = Preprocessing.torchvision.tensor(from: image)
        let expected = samples.indices.map { (Float(samples[$0]) / 1000 - mean[$0 % 3]) / std[$0 % 3] }
        #expect(torchvision.toArray() == expected)
    }

    @Test(arguments: ["chelsea", "coffee"], [Preprocessing.seed, .torchvision])
    func realSamplesAgreeWithPIL(sample: String, preprocessing: Preprocessing) throws {
        let image = try NetpbmReader.read(path: T.samplePath("\(sample).ppm"))
        let name = preprocessing == .seed ? "seed" : "torchvision"
        let pil = try T.fixture("resize-\(sample)-\(name).u8").map(Float.init)
        let tensor = preprocessing.tensor(from: image).toArray()
        // Back to 0...255 to compare with PIL's 8-bit output.
        let values = tensor.indices.map { index -> Float in
            let value = preprocessing == .seed ? tensor[index] : tensor[index] * std[index % 3] + mean[index % 3]
            return value * 255
        }
        // PIL rounds the horizontal pass and the result to integers (0.5 each at most); this
        // resize does not. So they may differ by one 8-bit step, plus float rounding.
        try #require(values.count == pil.count)
        let worst = values.indices.max { abs(values[$0] - pil[$0]) < abs(values[$1] - pil[$1]) }!
        #expect(abs(values[worst] - pil[worst]) <= 1.001, "index \(worst): \(values[worst]) vs PIL \(pil[worst])")
        let meanDifference = zip(values, pil).reduce(0) { $0 + abs($1.0 - $1.1) } / Float(pil.count)
        #expect(meanDifference < 0.4)
    }

    @Test(arguments: [Preprocessing.seed, .torchvision])
    func greyFeedsAllThreeChannels(preprocessing: Preprocessing) {
        let grey: [UInt16] = (0..<300 * 200).map { UInt16($0 * 31 % 256) }
        let greyImage = NetpbmImage(width: 300, height: 200, channels: 1, maxValue: 255, samples: grey)
        let rgbImage = NetpbmImage(width: 300, height: 200, channels: 3, maxValue: 255,
                                   samples: grey.flatMap { [$0, $0, $0] })
        #expect(preprocessing.tensor(from: greyImage).toArray() == preprocessing.tensor(from: rgbImage).toArray())
    }

    @Test(arguments: [Preprocessing.seed, .torchvision])
    func sixteenBitMatchesEightBitScaled(preprocessing: Preprocessing) throws {
        // v / 255 == 257 v / 65535: the same image at 16 bits gives the same input.
        let eight = try NetpbmReader.read(path: T.samplePath("chelsea.ppm"))
        let sixteen = NetpbmImage(width: eight.width, height: eight.height, channels: 3, maxValue: 65535,
                                  samples: eight.samples.map { $0 * 257 })
        expectClose(preprocessing.tensor(from: sixteen), preprocessing.tensor(from: eight).toArray().map { Double($0) },
                    relativeTolerance: 1e-5)
    }

    @Test func pamWithAlphaPreprocessesLikeItsRGB() throws {
        let width = 230, height = 226
        let rgb: [UInt8] = (0..<width * height * 3).map { UInt8($0 * 13 % 256) }
        var rgba = [UInt8]()
        for pixel in 0..<width * height {
            rgba += rgb[pixel * 3..<pixel * 3 + 3]
            rgba.append(UInt8(pixel % 256))
        }
        let pam = try T.decode("P7\nWIDTH \(width)\nHEIGHT \(height)\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n",
                               then: rgba)
        let ppm = try T.decode("P6 \(width) \(height) 255\n", then: rgb)
        #expect(Preprocessing.torchvision.tensor(from: pam).toArray()
                == Preprocessing.torchvision.tensor(from: ppm).toArray())
    }
}
