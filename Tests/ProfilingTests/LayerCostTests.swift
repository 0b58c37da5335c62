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
