import Foundation
import Testing
import Engine
import TestSupport

/// Hand-checked properties of a second input beside the first, on both presets' full networks
/// (random weights): what a shift, a flip, zero noise and the same file must give.
@Suite struct ComparisonRunTests {
    /// One network per preset, built once for the suite (their weights are hundreds of MB).
    private static let networks: [Preset: Network] = Dictionary(uniqueKeysWithValues: Preset.allCases.map {
        ($0, try! $0.makeNetwork(weights: .random(seed: 0)))
    })

    private func comparisonRun(_ preset: Preset, input: Tensor, second: ComparisonInput) throws -> ComparisonRun {
        let first = ForwardRun(network: Self.networks[preset]!, input: input)
        let secondInput = try second.tensor(beside: input, preprocessing: preset.preprocessing, seed: 1)
        return ComparisonRun(first: first, secondInput: secondInput)
    }

    /// conv1 is 11x11 stride 4 in both. With the picture moved 4 pixels right and down, B's cell
    /// (y, x) sees exactly what A's cell (y - 1, x - 1) saw wherever its window lies in rows and
    /// columns 4...223 (input moved, not the replicated strip) and not in the padding. seed
    /// (SAME, 56 cells, 3 rows of padding before): cell y reads rows 4y-3 ... 4y+7, inside 4...223
    /// for y in 2...54. alexnet (padding 2, 55 cells): rows 4y-2 ... 4y+8, for y in 2...53.
    /// conv1 runs through Winograd's F(4x4, 3x3), whose arithmetic for a cell depends on its place
    /// in a 4x4 tile, and a shift by one cell moves it there: the two agree to float32's rounding
    /// of those transforms (`ConvolutionTests`' tolerance for them), not bit for bit.
    @Test(arguments: [(Preset.seed, 2...54), (Preset.alexnet, 2...53)])
    func shiftByTheConv1StrideShiftsConv1ByOneCell(preset: Preset, interior: ClosedRange<Int>) throws {
        let input = randomTensor(Preset.inputShape, seed: 3, in: 0...1)
        let run = try comparisonRun(preset, input: input, second: .transform(.shift(dx: 4, dy: 4)))
        run.compute(through: 0)
        let a = run.first.outputs[0], b = run.second.outputs[0]
        let channels = a.shape[2]
        var moved: [Double] = [], got: [Float] = [], unshiftedMismatches = 0
        for y in interior {
            for x in interior {
                for c in 0..<channels {
                    moved.append(Double(a[y - 1, x - 1, c]))
                    got.append(b[y, x, c])
                    if a[y, x, c] != b[y, x, c] { unshiftedMismatches += 1 }
                }
            }
        }
        expectClose(got, moved, relativeTolerance: 3e-5)
        // The property is not true of any two maps: B is not A in place.
        #expect(unshiftedMismatches > interior.count * interior.count * channels / 4)
    }

    /// A picture symmetric left to right is its own mirror image: B = A at every layer.
    @Test(arguments: Preset.allCases)
    func flipOfASymmetricInputIsSimilarEverywhere(preset: Preset) throws {
        let side = Preprocessing.side
        let input = Tensor(zeros: Preset.inputShape)
        for y in 0..<side {
            for x in 0..<side {
                let fromCentre = min(x, side - 1 - x)
                for c in 0..<3 {
                    // Not symmetric top to bottom, so a vertical flip would fail.
                    input[y, x, c] = Float(sin(Double(y * 7 + fromCentre * 3 + c) * 0.05) * 0.5 + 0.5) * Float(y + 1) / Float(side)
                }
            }
        }
        let run = try comparisonRun(preset, input: input, second: .transform(.flip))
        run.runToEnd()
        for index in 0..<run.network.nodes.count {
            let result = try #require(run.comparison(at: index))
            #expect(result.cosineSimilarity == 1 && result.relativeDistance == 0,
                    "\(run.network.nodes[index].layer.name): \(result)")
        }
        // A picture that is not symmetric is changed by the mirror.
        let plain = try comparisonRun(preset, input: randomTensor(Preset.inputShape, seed: 5, in: 0...1),
                                      second: .transform(.flip))
        plain.compute(through: 0)
        #expect(try #require(plain.comparison(at: 0)).relativeDistance > 0.01)
    }

    @Test(arguments: Preset.allCases)
    func zeroNoiseIsNoDistance(preset: Preset) throws {
        let run = try comparisonRun(preset, input: randomTensor(Preset.inputShape, seed: 4, in: 0...1),
                                    second: .transform(.noise(sigma: 0)))
        run.runToEnd()
        #expect(run.computedCount == run.network.nodes.count)
        let distances = (0..<run.computedCount).map { run.comparison(at: $0)!.relativeDistance }
        #expect(distances == Array(repeating: 0, count: run.computedCount))
        // And some noise is some distance, at the first layer and the last.
        let noisy = try comparisonRun(preset, input: randomTensor(Preset.inputShape, seed: 4, in: 0...1),
                                      second: .transform(.noise(sigma: 0.1)))
        noisy.runToEnd()
        #expect(noisy.comparison(at: 0)!.relativeDistance > 0.01)
        #expect(noisy.comparison(at: noisy.computedCount - 1)!.relativeDistance > 0)
    }

    @Test(arguments: Preset.allCases)
    func theSameFileTwiceIsSimilarEverywhere(preset: Preset) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("compare-same-\(preset.rawValue)-\(getpid()).ppm")
        defer { try? FileManager.default.removeItem(at: url) }
        let (width, height) = (37, 23)
        let pixels = (0..<width * height * 3).map { UInt8(truncatingIfNeeded: $0 * 37 + $0 / 7) }
        try (Data("P6\n\(width) \(height)\n255\n".utf8) + Data(pixels)).write(to: url)
        let input = preset.preprocessing.tensor(from: try NetpbmReader.read(path: url.path))
        let run = try comparisonRun(preset, input: input, second: .image(path: url.path))
        run.runToEnd()
        for index in 0..<run.computedCount {
            let result = run.comparison(at: index)!
            #expect(result.cosineSimilarity == 1 && result.relativeDistance == 0)
        }
    }

    @Test func anUnreadableSecondImageIsAFileError() {
        #expect(throws: FileError.self) {
            try ComparisonInput.image(path: "no/such/image.ppm")
                .tensor(beside: Tensor(zeros: Preset.inputShape), preprocessing: .seed, seed: 0)
        }
    }

    /// B catches up with what A computed before it was added, then steps with it.
    @Test func theSecondRunCatchesUpAndStepsTogether() throws {
        let network = Self.networks[.alexnet]!
        let first = ForwardRun(network: network, input: randomTensor(Preset.inputShape, seed: 6, in: 0...1))
        first.compute(through: 2)
        let run = ComparisonRun(first: first, secondInput: randomTensor(Preset.inputShape, seed: 7, in: 0...1))
        #expect(run.second.computedCount == 3 && run.computedCount == 3)
        #expect(run.step() == 3)
        #expect(run.first.computedCount == 4 && run.second.computedCount == 4)
        // B computed with A's shared workspace gives what B alone gives.
        let alone = ForwardRun(network: network, input: run.second.input)
        alone.compute(through: 3)
        #expect(alone.outputs[3].toArray() == run.second.outputs[3].toArray())
    }
}
