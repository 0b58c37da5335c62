import Testing
import TestSupport
@testable import Engine

/// Antialiased bilinear resizing against hand-worked numbers and PIL's float ("F" mode) resize,
/// which computes the same filter in double precision without rounding to integers.
@Suite struct ResizeTests {
    typealias T = ImageTestSupport

    /// Resizes all of `image`.
    private func resize(_ image: NetpbmImage, height: Int, width: Int) -> Tensor {
        ImageResize.bilinear(image, height: height, width: width, rows: 0..<height, columns: 0..<width)
    }

    /// Chelsea's green channel as a grey image (PIL's reference was made from the same channel).
    private func chelseaGreen() throws -> NetpbmImage {
        let rgb = try NetpbmReader.read(path: T.samplePath("chelsea.ppm"))
        let green = stride(from: 1, to: rgb.samples.count, by: 3).map { rgb.samples[$0] }
        return NetpbmImage(width: rgb.width, height: rgb.height, channels: 1, maxValue: 255, samples: green)
    }

    private func crop(_ image: NetpbmImage, left: Int, top: Int, width: Int, height: Int) -> NetpbmImage {
        let samples = (top..<top + height).flatMap { row in
            image.samples[(row * image.width + left)..<(row * image.width + left + width)]
        }
        return NetpbmImage(width: width, height: height, channels: 1, maxValue: image.maxValue, samples: samples)
    }

    @Test func halvingFourByFourByHand() {
        // Shrinking 2x widens the triangle to +-2 input pixels: output 0 sits at 1.0 and weighs
        // pixels 0, 1, 2 by 0.75, 0.75, 0.25 (normalised: 3/7, 3/7, 1/7); output 1 at 3.0 weighs
        // pixels 1, 2, 3 by 1/7, 3/7, 3/7. On rows 4r + c this gives 25/7, 36/7, 69/7, 80/7.
        let image = NetpbmImage(width: 4, height: 4, channels: 1, maxValue: 15, samples: (0..<16).map(UInt16.init))
        let output = resize(image, height: 2, width: 2)
        #expect(output.shape == Shape(2, 2, 1))
        expectClose(output, [25, 36, 69, 80].map { Double($0) / 7 / 15 }, relativeTolerance: 1e-6)
    }

    @Test func sameSizeIsIdentity() {
        let samples: [UInt16] = (0..<5 * 3 * 3).map { UInt16($0 * 37 % 256) }
        let image = NetpbmImage(width: 5, height: 3, channels: 3, maxValue: 255, samples: samples)
        expectClose(resize(image, height: 3, width: 5), samples.map { Double($0) / 255 },
                    relativeTolerance: 1e-6)
    }

    @Test func weightsOfEveryOutputSumToOne() {
        for (input, output) in [(451, 224), (300, 256), (7, 224), (16384, 224), (224, 224), (3, 1)] {
            let weights = ResampleWeights(inputSize: input, outputSize: output, outputs: 0..<output)
            for index in 0..<output {
                let sum = (0..<weights.count[index]).reduce(Float(0)) { $0 + weights.weights[index * weights.taps + $1] }
                #expect(abs(sum - 1) < 1e-5, "\(input) -> \(output), output \(index)")
                #expect(weights.first[index] >= 0 && weights.first[index] + weights.count[index] <= input)
            }
        }
    }

    @Test func aWindowEqualsTheCropOfTheWholeResize() throws {
        let image = try NetpbmReader.read(path: T.samplePath("coffee.ppm"))
        let whole = resize(image, height: 256, width: 384)
        let window = ImageResize.bilinear(image, height: 256, width: 384, rows: 16..<240, columns: 80..<304)
        var expected = [Float]()
        for row in 16..<240 { for column in 80..<304 { for channel in 0..<3 { expected.append(whole[row, column, channel]) } } }
        #expect(window.toArray() == expected)
    }

    @Test(arguments: [
        ("resize-chelsea-green-61x40.f32", nil, 61, 40),          // shrink 7.4x and 7.5x
        ("resize-chelsea-green-crop-71x19.f32", (200, 100), 71, 19), // 40x30: widen, shrink
        ("resize-chelsea-green-crop-97x64.f32", (200, 100), 97, 64), // 40x30: enlarge both
    ] as [(String, (Int, Int)?, Int, Int)])
    func matchesPILFloatResize(fixture: String, origin: (Int, Int)?, width: Int, height: Int) throws {
        var image = try chelseaGreen()
        if let (left, top) = origin { image = crop(image, left: left, top: top, width: 40, height: 30) }
        let expected = try T.floatFixture(fixture).map { Double($0) }
        // PIL works on 0...255 and accumulates in double; this resize in float32.
        let actual = resize(image, height: height, width: width).toArray().map { $0 * 255 }
        expectClose(actual, expected, relativeTolerance: 1e-5)
    }
}
