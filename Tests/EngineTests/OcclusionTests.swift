import Testing
import Engine
import TestSupport

@Suite struct OcclusionTests {
    /// A 4x4 one-channel input of ones, flattened into a dense layer whose class 0 reads only
    /// pixel (0, 0) and class 1 nothing: logits (1, 0), p0 = e / (e + 1). Covering the top-left
    /// 2x2 square with zeros gives logits (0, 0), p0 = 0.5; other squares change nothing.
    @Test func handWorkedDropsOnATinyNetwork() throws {
        var weights = Array(repeating: Float(0), count: 32)
        weights[0] = 1   // [in 16, out 2], input-major: pixel 0 -> class 0
        let network = try Network(name: "t", inputShape: Shape(4, 4, 1), layers: [
            Flatten(name: "flatten", order: .hwc),
            try Dense(name: "fc", weights: Tensor(shape: Shape(16, 2), values: weights), layout: .inputMajor,
                      bias: Tensor(zeros: Shape(2)), activation: .identity),
        ], labels: ["a", "b"])
        let input = Tensor(shape: Shape(4, 4, 1), values: Array(repeating: 1, count: 16))
        var calls: [(Int, Int)] = []
        let map = try #require(Occlusion.sensitivity(network: network, input: input, fill: [0], patch: 2, stride: 2) {
            calls.append(($0, $1))
            return true
        })
        let e = 2.718281828459045
        #expect(map.rows == 2 && map.columns == 2 && map.classIndex == 0)
        expectClose(map.baseline, e / (e + 1), relativeTolerance: 1e-6)
        expectClose(map.drops[0], e / (e + 1) - 0.5, relativeTolerance: 1e-5)
        #expect(map.drops[1...].allSatisfy { abs($0) < 1e-7 })
        #expect(input.toArray() == Array(repeating: 1, count: 16), "the caller's input is not touched")
        #expect(calls.first! == (0, 4) && calls.last! == (4, 4))
    }

    @Test func cancellingStopsWithoutAResult() throws {
        let network = try Network(name: "t", inputShape: Shape(4, 4, 1), layers: [Flatten(name: "f", order: .hwc)],
                                  labels: [])
        var runs = 0
        let map = Occlusion.sensitivity(network: network, input: Tensor(zeros: Shape(4, 4, 1)), fill: [0], patch: 2,
                                        stride: 1) { done, _ in
            runs += 1
            return done < 2
        }
        #expect(map == nil && runs == 4)
    }

    @Test func squaresCoverTheWholeSide() {
        #expect(Occlusion.starts(size: 224, patch: 56, stride: 28) == [0, 28, 56, 84, 112, 140, 168])
        #expect(Occlusion.starts(size: 10, patch: 4, stride: 4) == [0, 4, 6])
        #expect(Occlusion.starts(size: 3, patch: 5, stride: 2) == [0])
        #expect(Occlusion.defaultPatch(for: Shape(224, 224, 3)) == (56, 28))
    }
}
