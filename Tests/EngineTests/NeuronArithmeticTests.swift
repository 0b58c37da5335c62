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
        #expect(top.position == NeuronArithmetic.MapPosition(y: 1, x: 1, channel: 0) && top.index == 4)
        #expect(top.weight == 4 && top.input == 5)
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

    // MARK: - Dense layers

    /// 3 inputs [1, -2, 0.5], 2 outputs, weights [in, out] = [[1, 2], [3, -1], [4, 0]], bias
    /// [0.5, -1]: output 0 = 1 - 6 + 2 + 0.5 = -2.5; output 1 = 2 + 2 + 0 - 1 = 3. The same
    /// matrix stored [out, in] gives the same sums.
    @Test(arguments: [Dense.WeightLayout.inputMajor, .outputMajor])
    func handWorkedDenseSum(layout: Dense.WeightLayout) throws {
        let weights = layout == .inputMajor ? Tensor(shape: Shape(3, 2), values: [1, 2, 3, -1, 4, 0])
                                            : Tensor(shape: Shape(2, 3), values: [1, 3, 4, 2, -1, 0])
        let dense = try Dense(name: "d", weights: weights, layout: layout, bias: Tensor(shape: Shape(2), values: [0.5, -1]),
                              activation: .relu)
        let input = Tensor(shape: Shape(3), values: [1, -2, 0.5])
        let first = try dense.arithmetic(input: input, output: 0)
        #expect(first.terms.map(\.product) == [1, -6, 2] && first.terms.map(\.index) == [0, 1, 2])
        #expect(first.preActivation == -2.5 && first.output == 0 && first.paddedTerms == 0)
        #expect(first.largestPositive(5).map(\.index) == [2, 0] && first.largestNegative(5).map(\.index) == [1])
        #expect(first.terms.allSatisfy { $0.position == nil })
        let second = try dense.arithmetic(input: input, output: 1)
        #expect(second.preActivation == 3 && second.output == 3)
        #expect(throws: ShapeError.self) { try dense.arithmetic(input: input, output: 2) }
    }

    /// On random numbers, every output of both layouts equals the layer's output and a float64
    /// reference (relative tolerance 1e-5 of the value), before and after tanh.
    @Test(arguments: [Dense.WeightLayout.inputMajor, .outputMajor])
    func denseSumEqualsEngineOutput(layout: Dense.WeightLayout) throws {
        let (inputs, outputs) = (300, 7)
        let weights = randomTensor(layout == .inputMajor ? Shape(inputs, outputs) : Shape(outputs, inputs), seed: 11)
        let bias = randomTensor(Shape(outputs), seed: 12)
        let dense = try Dense(name: "d", weights: weights, layout: layout, bias: bias, activation: .tanh)
        let input = randomTensor(Shape(inputs), seed: 13)
        let output = try runLayer(dense, on: input)
        let reference = Reference.dense(input, weights: weights, layout: layout, bias: bias, activation: .tanh)
        let preReference = Reference.dense(input, weights: weights, layout: layout, bias: bias, activation: .identity)
        for index in 0..<outputs {
            let arithmetic = try dense.arithmetic(input: input, output: index)
            #expect(arithmetic.terms.count == inputs)
            expectClose(output[index], Double(arithmetic.output), relativeTolerance: 1e-5, "engine, output \(index)")
            expectClose(Float(arithmetic.output), reference[index], relativeTolerance: 1e-5, "float64, output \(index)")
            expectClose(Float(arithmetic.preActivation), preReference[index], relativeTolerance: 1e-5,
                        "before tanh, output \(index)")
        }
    }

    /// A [2, 3, 4] map (H, W, C): vector element 17 is (y 1, x 1, c 1) flattened HWC
    /// (17 = (1 * 3 + 1) * 4 + 1) and (y 1, x 2, c 2) flattened CHW (17 = (2 * 2 + 1) * 3 + 2);
    /// and for every element, the map value there is what the engine's Flatten put at it.
    @Test(arguments: [Flatten.Order.hwc, .chw])
    func flattenedPositionsMatchTheFlattenLayer(order: Flatten.Order) throws {
        let map = FlattenedMap(shape: Shape(2, 3, 4), order: order)
        let expected = order == .hwc ? NeuronArithmetic.MapPosition(y: 1, x: 1, channel: 1)
                                     : NeuronArithmetic.MapPosition(y: 1, x: 2, channel: 2)
        #expect(map.position(of: 17) == expected)
        let input = randomTensor(map.shape, seed: 21)
        let flat = try runLayer(Flatten(name: "f", order: order), on: input)
        for index in 0..<flat.count {
            let p = map.position(of: index)
            #expect(flat[index] == input[p.y, p.x, p.channel], "element \(index) -> \(p)")
        }
    }

    /// fc6 of both presets (reduced widths) inside a run: its input is traced back to the map it
    /// was flattened from (seed: norm5, HWC; alexnet: through drop6 to avgpool, CHW), each term
    /// names the map value it read, and the sum equals the run's output.
    @Test(arguments: [Preset.seed, .alexnet])
    func fc6SumInARunNamesMapPositions(preset: Preset) throws {
        let widths = Preset.Widths(conv1: 8, conv2: 16, conv3: 8, conv4: 8, conv5: 8, fc6: 8, fc7: 8, classes: 17)
        let network = try preset.build(weights: .random(seed: 2), widths: widths).network
        let run = ForwardRun(network: network, input: randomTensor(Preset.inputShape, seed: 9))
        let index = try #require(network.index(of: "fc6"))
        run.compute(through: index)
        let (flatten, map) = try #require(network.flattenedMap(readBy: index))
        #expect(network.nodes[flatten].layer.name == "flatten")
        let mapLayer = try #require(network.nodes[flatten].source)
        #expect(network.nodes[mapLayer].layer.name == (preset == .seed ? "norm5" : "avgpool"))
        #expect(map == FlattenedMap(shape: preset == .seed ? Shape(7, 7, 8) : Shape(6, 6, 8),
                                    order: preset == .seed ? .hwc : .chw))
        let dense = try #require(network.nodes[index].layer as? Dense)
        let input = run.outputs[try #require(network.nodes[index].source)]
        let mapValues = run.outputs[mapLayer]
        for output in [0, 5, 7] {
            let arithmetic = try dense.arithmetic(input: input, output: output, flattenedFrom: map)
            expectClose(run.outputs[index][output], Double(arithmetic.output), relativeTolerance: 1e-4, "fc6 \(output)")
            for term in arithmetic.largest(20) {
                let p = try #require(term.position)
                #expect(term.input == mapValues[p.y, p.x, p.channel], "term \(term.index) read \(p)")
            }
        }
        #expect(network.flattenedMap(readBy: try #require(network.index(of: "fc7"))) == nil)
    }

    // MARK: - Max pooling and LRN

    /// A 4x4 arange, 2x2/2 VALID: cell (1, 0) pools rows 2..3, columns 0..1 and 13 (at 3, 1)
    /// wins; 3x3/2 SAME on 3x3 pads one cell before and after: cell (0, 0) sees rows 0..1.
    @Test func poolWinnerIsTheLargestInputOfTheWindow() throws {
        let pool = MaxPool2D(name: "p", kernel: 2, stride: 2, padding: .valid)
        let input = arangeTensor(Shape(4, 4, 1))
        let winner = try pool.winner(input: input, y: 1, x: 0, channel: 0)
        #expect(winner.rows == 2..<4 && winner.columns == 0..<2)
        #expect(winner.winner == NeuronArithmetic.MapPosition(y: 3, x: 1, channel: 0) && winner.value == 13)
        let same = MaxPool2D(name: "p", kernel: 3, stride: 2, padding: .same)
        let small = try same.winner(input: arangeTensor(Shape(3, 3, 1)), y: 0, x: 0, channel: 0)
        #expect(small.rows == 0..<2 && small.columns == 0..<2 && small.value == 4)
        // Every cell of a random map agrees with the engine's pooling.
        let random = randomTensor(Shape(7, 6, 3), seed: 4)
        let output = try runLayer(same, on: random)
        for y in 0..<output.shape[0] {
            for x in 0..<output.shape[1] {
                for c in 0..<3 { #expect(try same.winner(input: random, y: y, x: x, channel: c).value == output[y, x, c]) }
            }
        }
        #expect(throws: ShapeError.self) { try pool.winner(input: input, y: 2, x: 0, channel: 0) }
    }

    /// Channels [1, 2, 3] at one cell, TF radius 1, bias 1, alpha 1, beta 0.5: channel 1 sums
    /// 1 + 4 + 9 = 14 and gives 2 / sqrt(15); channel 0 sums 1 + 4 = 5. Caffe size 3, k 2,
    /// alpha 3, beta 1 scales by alpha / size = 1: channel 2 gives 3 / (2 + 13) = 0.2.
    @Test func responseNormalizationShowsItsNumbers() throws {
        let input = Tensor(shape: Shape(1, 1, 3), values: [1, 2, 3])
        let tf = LocalResponseNorm(name: "n", convention: .tensorFlow(depthRadius: 1, bias: 1, alpha: 1, beta: 0.5))
        let middle = try tf.arithmetic(input: input, y: 0, x: 0, channel: 1)
        #expect(middle.channels == 0...2 && middle.sumOfSquares == 14 && middle.value == 2)
        #expect(abs(middle.output - 2 / 15.0.squareRoot()) <= 1e-15, "TF channel 1")
        #expect(try tf.arithmetic(input: input, y: 0, x: 0, channel: 0).sumOfSquares == 5)
        let caffe = LocalResponseNorm(name: "n", convention: .caffe(size: 3, k: 2, alpha: 3, beta: 1))
        let last = try caffe.arithmetic(input: input, y: 0, x: 0, channel: 2)
        #expect(last.channels == 1...2 && last.scale == 1 && last.output == 0.2)
        // Against the layer itself on a random map, both conventions.
        let random = randomTensor(Shape(3, 2, 9), seed: 5)
        for layer in [tf, caffe, LocalResponseNorm(name: "n", convention: .caffe(size: 5, k: 2, alpha: 1e-4, beta: 0.75))] {
            let output = try runLayer(layer, on: random)
            for c in 0..<9 {
                let arithmetic = try layer.arithmetic(input: random, y: 2, x: 1, channel: c)
                expectClose(output[2, 1, c], arithmetic.output, relativeTolerance: 1e-5, "\(layer.summary) channel \(c)")
            }
        }
    }
}
