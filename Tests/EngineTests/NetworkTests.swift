import Testing
import Engine

@Suite struct NetworkTests {
    /// A convolution with more weights than any dense layer (4x4x1x400 = 6,400), then fc6
    /// (400→5, stored [out, in]: 2,000) and fc7 (5→3: 15): fc6's own tensor, not a copy, and
    /// not the convolution's.
    @Test func largestDenseWeightsAreTheBiggestDenseLayersOwnTensor() throws {
        let fc6Weights = Tensor(zeros: Shape(5, 400))
        let network = try Network(name: "t", inputShape: Shape(4, 4, 1), layers: [
            try Conv2D(name: "conv1", weights: Tensor(zeros: Shape(4, 4, 1, 400)), bias: Tensor(zeros: Shape(400)),
                       stride: 1, padding: .valid, activation: .relu),
            Flatten(name: "flatten", order: .hwc),
            try Dense(name: "fc6", weights: fc6Weights, layout: .outputMajor, bias: Tensor(zeros: Shape(5)),
                      activation: .relu),
            try Dense(name: "fc7", weights: Tensor(zeros: Shape(5, 3)), layout: .inputMajor,
                      bias: Tensor(zeros: Shape(3)), activation: .identity),
        ], labels: ["a", "b", "c"])
        let largest = try #require(network.largestDenseWeights)
        #expect(largest.layer == "fc6")
        #expect(largest.weights === fc6Weights)
    }

    @Test func aNetworkWithoutDenseLayersHasNoLargestDenseWeights() throws {
        let network = try Network(name: "t", inputShape: Shape(4, 4, 1), layers: [Flatten(name: "f", order: .hwc)],
                                  labels: [])
        #expect(network.largestDenseWeights == nil)
    }

    /// Both presets (at reduced widths, where fc6 is still the largest dense layer).
    @Test func thePresetsLargestDenseWeightsAreFc6() throws {
        for preset in Preset.allCases {
            let network = try preset.build(weights: .random(seed: 0), widths: PresetFidelityTests.reducedWidths(preset))
                .network
            let largest = try #require(network.largestDenseWeights)
            let fc6 = try #require(network.nodes.first { $0.layer.name == "fc6" }?.layer as? Dense)
            #expect(largest.layer == "fc6", "\(preset)")
            #expect(largest.weights === fc6.weights, "\(preset)")
        }
    }
}
