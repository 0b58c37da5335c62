import Engine
import Profiling
import Testing

@Suite struct LayerCostTests {
    @Test func costsComeFromTheLayerAndItsShapes() throws {
        // Input [2, 2, 1] (4 floats) to output [3] (3 floats).
        let run = try makeRun([ScriptedLayer(name: "fc", output: Shape(3), multiplyAdds: 12, parameters: 15)])
        let cost = LayerCost(node: run.network.nodes[0])
        #expect(cost.multiplyAdds == 12)
        #expect(cost.flops == 24)
        #expect(cost.parameters == 15)
        #expect(cost.weightBytes == 60)
        #expect(cost.activationBytes == 28)
        #expect(cost.trafficBytes == 88)
    }

    @Test func throughputIsWorkOverTime() {
        let cost = LayerCost(multiplyAdds: 500_000_000, parameters: 250_000_000, activationBytes: 1_000_000_000)
        // 1e9 FLOPs and 2e9 bytes in 0.5 s.
        #expect(cost.gigaflopsPerSecond(seconds: 0.5) == 2)
        #expect(cost.gigabytesPerSecond(seconds: 0.5) == 4)
        #expect(cost.gigaflopsPerSecond(seconds: 0) == nil)
    }
}

@Suite struct LayerCostOfEngineLayersTests {
    /// A 3x3 SAME conv, 2 → 4 channels, then a dense 100 → 3 layer, on a [5, 5, 2] input.
    private func network() throws -> Network {
        let conv = try Conv2D(name: "conv", weights: Tensor(zeros: Shape(3, 3, 2, 4)), bias: Tensor(zeros: Shape(4)),
                              stride: 1, padding: .same, activation: .relu)
        let flatten = Flatten(name: "flatten", order: .hwc)
        let dense = try Dense(name: "fc", weights: Tensor(zeros: Shape(100, 3)), layout: .inputMajor,
                              bias: Tensor(zeros: Shape(3)), activation: .identity)
        return try Network(name: "tiny", inputShape: Shape(5, 5, 2), layers: [conv, flatten, dense], labels: [])
    }

    @Test func convolutionCountsOneMultiplyAddPerWeightPerOutputPixel() throws {
        let cost = LayerCost(node: try network().nodes[0])
        // 5x5 outputs x 4 channels x (3x3x2) taps; the bias is not a multiply-add.
        #expect(cost.multiplyAdds == 1_800)
        #expect(cost.flops == 3_600)
        #expect(cost.parameters == 76)
        #expect(cost.weightBytes == 304)
        // [5, 5, 2] in, [5, 5, 4] out.
        #expect(cost.activationBytes == (50 + 100) * 4)
    }

    @Test func denseCountsInputsTimesOutputs() throws {
        let cost = LayerCost(node: try network().nodes[2])
        #expect(cost.multiplyAdds == 300)
        #expect(cost.parameters == 303)
        #expect(cost.activationBytes == (100 + 3) * 4)
    }
}
