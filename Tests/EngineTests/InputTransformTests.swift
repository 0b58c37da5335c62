import Testing
import Engine
import TestSupport

/// The comparison transforms on tiny hand-worked inputs, and the noise's statistics on a full one.
@Suite struct InputTransformTests {
    /// 2 rows, 3 columns, 2 channels: pixel (y, x) holds (10y + x, 100 + 10y + x).
    private func smallInput() -> Tensor {
        Tensor(shape: Shape(2, 3, 2), values: [0, 100, 1, 101, 2, 102,
                                                10, 110, 11, 111, 12, 112])
    }

    private func applied(_ transform: InputTransform, to input: Tensor, preprocessing: Preprocessing = .seed,
                         seed: UInt64 = 0) -> [Float] {
        let output = Tensor(zeros: input.shape)
        transform.apply(to: input, into: output, preprocessing: preprocessing, seed: seed)
        return output.toArray()
    }

    @Test func shiftMovesRightAndDownAndRepeatsTheEdge() {
        // dx = 1: column 0 repeats the old column 0; columns 1, 2 are the old 0, 1.
        #expect(applied(.shift(dx: 1, dy: 0), to: smallInput()) == [0, 100, 0, 100, 1, 101,
                                                                    10, 110, 10, 110, 11, 111])
        // dy = 1: both rows are the old row 0.
        #expect(applied(.shift(dx: 0, dy: 1), to: smallInput()) == [0, 100, 1, 101, 2, 102,
                                                                    0, 100, 1, 101, 2, 102])
        // dx = -2, dy = -1: every pixel reads (1, min(x + 2, 2)) = (1, 2).
        #expect(applied(.shift(dx: -2, dy: -1), to: smallInput()) == Array(repeating: [12, 112], count: 6).flatMap { $0 })
    }

    @Test func flipMirrorsEachRowAndTwiceIsTheIdentity() {
        let flipped = applied(.flip, to: smallInput())
        #expect(flipped == [2, 102, 1, 101, 0, 100, 12, 112, 11, 111, 10, 110])
        #expect(applied(.flip, to: Tensor(shape: Shape(2, 3, 2), values: flipped)) == smallInput().toArray())
    }

    @Test func occludeFillsTheSquareWithMidGreyInTheInputsUnits() {
        // A 2-pixel square at (x 2, y 1) covers only pixel (1, 2): the rest falls outside.
        var expected = smallInput().toArray()
        (expected[10], expected[11]) = (0.5, 0.5)
        #expect(applied(.occlude(x: 2, y: 1, size: 2), to: smallInput()) == expected)
        // A square wholly outside the picture changes nothing.
        #expect(applied(.occlude(x: 80, y: 80, size: 64), to: smallInput()) == smallInput().toArray())
        // torchvision: (0.5 - mean) / std, channels R and G here.
        let grey = applied(.occlude(x: 0, y: 0, size: 1), to: smallInput(), preprocessing: .torchvision)
        expectClose(grey[0], (0.5 - 0.485) / 0.229, relativeTolerance: 1e-6)
        expectClose(grey[1], (0.5 - 0.456) / 0.224, relativeTolerance: 1e-6)
        #expect(Array(grey[2...]) == Array(smallInput().toArray()[2...]))
    }

    @Test func noiseHasTheRequestedSpreadInPixelUnitsAndFollowsTheSeed() {
        let input = Tensor(zeros: Preset.inputShape)
        let sigma: Float = 0.2
        let seedNoise = applied(.noise(sigma: sigma), to: input, seed: 7)
        // 150528 standard normals: the sample mean is within 4 / sqrt(n) ~ 0.01 sigma of 0, the
        // sample std within ~1% of sigma, with overwhelming probability for a correct generator.
        let values = seedNoise.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        #expect(abs(mean) < 0.01 * Double(sigma))
        #expect(abs(std / Double(sigma) - 1) < 0.01)
        // Gaussian, not uniform: about 4.55% of values beyond 2 sigma (a uniform of this std has none).
        let beyond = Double(values.filter { abs($0) > 2 * Double(sigma) }.count) / Double(values.count)
        #expect(abs(beyond - 0.0455) < 0.003)
        #expect(applied(.noise(sigma: sigma), to: input, seed: 7) == seedNoise)
        #expect(applied(.noise(sigma: sigma), to: input, seed: 8) != seedNoise)
        // torchvision's input: the same draws divided by each channel's std.
        let normalised = applied(.noise(sigma: sigma), to: input, preprocessing: .torchvision, seed: 7)
        for (index, std) in [(0, 0.229), (1, 0.224), (2, 0.225), (30_001, 0.224)] {
            expectClose(normalised[index], Double(seedNoise[index]) / std, relativeTolerance: 1e-6)
        }
        #expect(applied(.noise(sigma: 0), to: smallInput()) == smallInput().toArray())
    }
}
