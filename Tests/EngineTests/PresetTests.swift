import Foundation
import Testing
import Engine

/// The two presets as declared: layers, shapes, parameter counts, labels, weights keys and
/// layouts, random init, and the errors a wrong weights file gives.
@Suite struct PresetTests {
    @Test func seedHasThePapersLayersAndShapes() throws {
        let network = try Preset.seed.makeNetwork(weights: .random(seed: 0))
        let expected: [(String, [Int])] = [
            ("conv1", [56, 56, 96]), ("pool1", [28, 28, 96]), ("norm1", [28, 28, 96]),
            ("conv2", [28, 28, 256]), ("pool2", [14, 14, 256]), ("norm2", [14, 14, 256]),
            ("conv3", [14, 14, 384]), ("conv4", [14, 14, 384]), ("conv5", [14, 14, 384]),
            ("pool5", [7, 7, 384]), ("norm5", [7, 7, 384]), ("flatten", [18816]),
            ("fc6", [4096]), ("drop6", [4096]), ("fc7", [4096]), ("drop7", [4096]), ("fc8", [17]),
        ]
        #expect(network.nodes.map(\.layer.name) == expected.map(\.0))
        #expect(network.nodes.map(\.outputShape.dims) == expected.map(\.1))
        #expect(network.inputShape == Shape(224, 224, 3))
        // pool5 reads conv4, so conv5 is computed but unused.
        #expect(network.nodes[network.index(of: "pool5")!].source == network.index(of: "conv4"))
        #expect(network.unusedLayers == [network.index(of: "conv5")!])
        let convs = 11 * 11 * 3 * 96 + 96 + 5 * 5 * 96 * 256 + 256 + 3 * 3 * 256 * 384 + 384
            + 2 * (3 * 3 * 384 * 384 + 384)
        #expect(network.parameterCount == convs + 18816 * 4096 + 4096 + 4096 * 4096 + 4096 + 4096 * 17 + 17)
        #expect(network.nodes[0].layer.parameterCount == 34944)
        #expect(network.labels.count == 17 && network.labels[3] == "Bluebell" && network.labels[16] == "Pansy")
        #expect(Preset.seed.preprocessing == .seed)
    }

    @Test func alexnetHasTorchvisionsLayersAndShapes() throws {
        let network = try Preset.alexnet.makeNetwork(weights: .random(seed: 0))
        let expected: [(String, [Int])] = [
            ("conv1", [55, 55, 64]), ("pool1", [27, 27, 64]), ("conv2", [27, 27, 192]), ("pool2", [13, 13, 192]),
            ("conv3", [13, 13, 384]), ("conv4", [13, 13, 256]), ("conv5", [13, 13, 256]), ("pool5", [6, 6, 256]),
            ("avgpool", [6, 6, 256]), ("flatten", [9216]), ("drop6", [9216]), ("fc6", [4096]),
            ("drop7", [4096]), ("fc7", [4096]), ("fc8", [1000]),
        ]
        #expect(network.nodes.map(\.layer.name) == expected.map(\.0))
        #expect(network.nodes.map(\.outputShape.dims) == expected.map(\.1))
        #expect(network.unusedLayers.isEmpty)
        #expect(network.parameterCount == 61_100_840)  // torchvision's published count
        #expect(network.labels.count == 1000 && network.labels[0] == "tench" && network.labels[999] == "toilet tissue")
        #expect(Preset.alexnet.preprocessing == .torchvision)
    }

    @Test func weightsAreStoredUnderThePublishedKeysAndLayouts() throws {
        let seed = try Preset.seed.build(weights: .random(seed: 0), widths: PresetFidelityTests.reducedWidths(.seed))
        #expect(seed.parameters.map(\.0) == (1...8).flatMap { ["w\($0)", "b\($0)"] })
        #expect(seed.parameters[0].1.shape == Shape(11, 11, 3, 8))       // [kh, kw, in, out]
        #expect(seed.parameters[10].1.shape == Shape(7 * 7 * 16, 32))   // w6 [in, out]
        let alexnet = try Preset.alexnet.build(weights: .random(seed: 0), widths: PresetFidelityTests.reducedWidths(.alexnet))
        #expect(alexnet.parameters.map(\.0) == [0, 3, 6, 8, 10].flatMap { ["features.\($0).weight", "features.\($0).bias"] }
            + [1, 4, 6].flatMap { ["classifier.\($0).weight", "classifier.\($0).bias"] })
        #expect(alexnet.parameters[0].1.shape == Shape(8, 3, 11, 11))    // [out, in, kh, kw]
        #expect(alexnet.parameters[10].1.shape == Shape(32, 12 * 6 * 6)) // [out, in]
    }

    @Test func pytorchKernelsAreTransposedToHWIO() throws {
        let built = try Preset.alexnet.build(weights: .random(seed: 1), widths: PresetFidelityTests.reducedWidths(.alexnet))
        let conv2 = try #require(built.network.nodes[2].layer as? Conv2D)
        let oihw = built.parameters[2].1  // features.3.weight [16, 8, 5, 5]
        for (o, i, h, w) in [(0, 0, 0, 0), (15, 7, 4, 4), (3, 5, 1, 2), (9, 0, 4, 1)] {
            #expect(conv2.weights[h, w, i, o] == oihw[o, i, h, w])
        }
    }

    @Test func seedRandomInitFollowsTheOriginal() throws {
        let parameters = Dictionary(uniqueKeysWithValues: try Preset.seed.build(
            weights: .random(seed: 3), widths: PresetFidelityTests.reducedWidths(.seed)).parameters)
        let biases: [String: Float] = ["b1": 0, "b2": 1, "b3": 0, "b4": 1, "b5": 0, "b6": 1, "b7": 1, "b8": 1]
        for (key, value) in biases {
            #expect(parameters[key]!.toArray().allSatisfy { $0 == value }, "\(key)")
        }
        for n in 1...8 {
            let values = parameters["w\(n)"]!.toArray()
            #expect(values.allSatisfy { abs($0) <= 0.2 } && values.contains { $0 != values[0] }, "w\(n)")
        }
    }

    @Test func alexnetRandomInitIsPyTorchsDefault() throws {
        let parameters = Dictionary(uniqueKeysWithValues: try Preset.alexnet.build(
            weights: .random(seed: 3), widths: PresetFidelityTests.reducedWidths(.alexnet)).parameters)
        // Weights and biases uniform on ±1/sqrt(fan_in): conv1 fan_in 3·11·11, fc8 fan_in 24.
        for (key, fanIn) in [("features.0.weight", 363), ("features.0.bias", 363), ("classifier.6.weight", 24),
                             ("classifier.6.bias", 24)] {
            let bound = 1 / Float(fanIn).squareRoot()
            let values = parameters[key]!.toArray()
            #expect(values.allSatisfy { abs($0) <= bound }, "\(key)")
            #expect(values.map(abs).max()! > bound * 0.8, "\(key) spans its range")
        }
    }

    @Test(arguments: Preset.allCases)
    func sameSeedGivesTheSameLogitsAndSavedWeightsReloadExactly(_ preset: Preset) throws {
        let widths = PresetFidelityTests.reducedWidths(preset)
        let input = Tensor(zeros: Preset.inputShape)
        for index in 0..<input.count { input.data[index] = Float(index % 251) / 251 }
        func logits(_ network: Network) -> [Float] {
            let run = ForwardRun(network: network, input: input)
            run.runToEnd()
            return run.logits!.toArray()
        }
        let built = try preset.build(weights: .random(seed: 5), widths: widths)
        let again = try preset.build(weights: .random(seed: 5), widths: widths)
        let other = try preset.build(weights: .random(seed: 6), widths: widths)
        #expect(logits(built.network) == logits(again.network))
        #expect(logits(built.network) != logits(other.network))
        let path = temporaryWeightsPath("\(preset).safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeSafeTensors(built.parameters, to: path)
        #expect(logits(try preset.build(weights: .file(path: path), widths: widths).network) == logits(built.network))
    }

    @Test func weightsFileOfTheWrongWidthNamesTheFirstMismatch() throws {
        let path = modelsFixturePath("seed_reduced_weights.safetensors")
        try expectWeightsError(path + ": tensor w1 has shape [11, 11, 3, 8], expected [11, 11, 3, 96]") {
            _ = try Preset.seed.makeNetwork(weights: .file(path: path))
        }
    }

    @Test func weightsFileOfTheOtherModelNamesAMissingKey() throws {
        let path = modelsFixturePath("alexnet_reduced_weights.safetensors")
        try expectWeightsError(path + ": missing tensor w1 (expected shape [11, 11, 3, 96])") {
            _ = try Preset.seed.makeNetwork(weights: .file(path: path))
        }
    }

    @Test func weightsFileWithAnExtraTensorNamesIt() throws {
        let widths = PresetFidelityTests.reducedWidths(.alexnet)
        let built = try Preset.alexnet.build(weights: .random(seed: 0), widths: widths)
        let path = temporaryWeightsPath("extra.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeSafeTensors(built.parameters + [("classifier.9.weight", Tensor(zeros: Shape(2)))], to: path)
        try expectWeightsError(path + ": unexpected tensor classifier.9.weight: not a weight of the alexnet model") {
            _ = try Preset.alexnet.build(weights: .file(path: path), widths: widths)
        }
    }
}
