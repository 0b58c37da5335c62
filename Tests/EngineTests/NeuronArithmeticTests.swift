import Testing
import Engine
import TestSupport

/// The drill-down into one conv output: its terms must add up to what the engine computed.
@Suite struct NeuronArithmeticTests {
    /// A 3x3 single-channel input 1...9 and a 2x2 kernel [[1, 2], [3, 4]], bias 0.5, VALID:
    /// cell (0, 0) = 1*1 + 2*2 + 4*3 + 5*4 + 0.5 = 37.5; cell (1, 1) = 5 + 12 + 24 + 36 + 0.5 = 77.5.
    @Test func handWorkedSumListsEveryTerm() throws {
        let conv = try Conv2D(name: "c", weights: Tensor(shape: Shape(2, 2, 1, 1), values: [1, 2, 3, 4]),
                              bias: Tensor(shape: Shape(1), values: [0.5]), stride: 1, padding: .valid, activation: .relu)
        let input = Tensor(shape: Shape(3, 3, 1), values: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let first = try conv.arithmetic(input: input, y: 0, x: 0, channel: 0)
        #expect(first.terms.count == 4 && first.paddedTerms == 0)
        #expect(first.preActivation == 37.5 && first.output == 37.5)
        let top = try #require(first.largest(1).first)
        #expect(top.inputY == 1 && top.inputX == 1 && top.channel == 0 && top.weight == 4 && top.input == 5)
        let last = try conv.arithmetic(input: input, y: 1, x: 1, channel: 0)
        #expect(last.preActivation == 77.5)
    }

    /// Negative sums come out of ReLU as zero, and SAME padding leaves terms out at the corner:
    /// a 3x3 SAME window at (0, 0) keeps 4 of 9 positions.
    @Test func reluAndPaddingAreAccountedFor() throws {
        let conv = try Conv2D(name: "c", weights: Tensor(shape: Shape(3, 3, 2, 1), values: Array(repeating: -1, count: 18)),
                              bias: Tensor(shape: Shape(1), values: [0.25]), stride: 1, padding: .same, activation: .relu)
        let input = Tensor(shape: Shape(4, 4, 2), values: Array(repeating: 1, count: 32))
        let corner = try conv.arithmetic(input: input, y: 0, x: 0, channel: 0)
        #expect(corner.terms.count == 8 && corner.paddedTerms == 10)
        #expect(corner.preActivation == -7.75 && corner.output == 0)
        #expect(throws: ShapeError.self) { try conv.arithmetic(input: input, y: 4, x: 0, channel: 0) }
    }

    /// Strided, grouped and padded, on random numbers: every cell of a few channels equals the
    /// engine's GEMM output (relative tolerance 1e-4 of the output's RMS, float vs double sums).
    @Test(arguments: [1, 2])
    func sumEqualsEngineOutput(groups: Int) throws {
        let conv = try Conv2D(name: "c", weights: randomTensor(Shape(5, 5, 6 / groups, 4), seed: 3),
                              bias: randomTensor(Shape(4), seed: 4), stride: 2, padding: .same, groups: groups,
                              activation: .relu)
        let input = randomTensor(Shape(11, 9, 6), seed: 5)
        let output = try runLayer(conv, on: input)
        let pre = try #require(try PreActivation.compute(conv, input: input))
        var sums: [Double] = [], pres: [Double] = []
        var engine: [Float] = [], enginePre: [Float] = []
        for y in 0..<output.shape[0] {
            for x in 0..<output.shape[1] {
                for channel in 0..<4 {
                    let arithmetic = try conv.arithmetic(input: input, y: y, x: x, channel: channel)
                    sums.append(Double(arithmetic.output))
                    pres.append(arithmetic.preActivation)
                    engine.append(output[y, x, channel])
                    enginePre.append(pre[y, x, channel])
                }
            }
        }
        expectClose(engine, sums, relativeTolerance: 1e-4, "after ReLU")
        expectClose(enginePre, pres, relativeTolerance: 1e-4, "before ReLU")
        #expect(pres.contains { $0 < 0 }, "the test should exercise negative sums")
    }

    /// On a preset's real conv2 inside a forward run (reduced widths), the sum at a cell equals
    /// the run's displayed output.
    @Test func sumEqualsPresetOutputInARun() throws {
        let widths = Preset.Widths(conv1: 8, conv2: 16, conv3: 8, conv4: 8, conv5: 8, fc6: 8, fc7: 8, classes: 17)
        let network = try Preset.seed.build(weights: .random(seed: 2), widths: widths).network
        let run = ForwardRun(network: network, input: randomTensor(Preset.inputShape, seed: 9))
        let index = try #require(network.index(of: "conv2"))
        run.compute(through: index)
        let conv = try #require(network.nodes[index].layer as? Conv2D)
        let source = run.outputs[try #require(network.nodes[index].source)]
        for (y, x, channel) in [(0, 0, 0), (13, 7, 5), (27, 27, 15)] {
            let arithmetic = try conv.arithmetic(input: source, y: y, x: x, channel: channel)
            expectClose(run.outputs[index][y, x, channel], Double(arithmetic.output), relativeTolerance: 1e-4,
                        "conv2 (\(y), \(x)) channel \(channel)")
            #expect(arithmetic.terms.count + arithmetic.paddedTerms == 5 * 5 * 8)
        }
    }
}
