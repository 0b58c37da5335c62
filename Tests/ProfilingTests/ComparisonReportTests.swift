import Engine
import Foundation
import Profiling
import Testing

/// `--compare` in the JSON report: per-layer similarity and distance, and the second input's top
/// classes, on a one-layer network worked by hand.
@Suite struct ComparisonReportTests {
    @Test func jsonAddsEachLayersSimilarityAndDistanceAndTheSecondTopClasses() throws {
        // A flatten of a 1x3 one-channel picture: the logits are the pixels. A = (1, 3, 2);
        // flipped, B = (2, 3, 1).
        let network = try Network(name: "t", inputShape: Shape(1, 3, 1), layers: [Flatten(name: "flatten", order: .hwc)],
                                  labels: ["ant", "bee", "cat"])
        let run = ForwardRun(network: network, input: Tensor(shape: Shape(1, 3, 1), values: [1, 3, 2]))
        let profiler = LayerProfiler()
        profile(run, warmup: 0, repeats: 1, profiler: profiler)
        var report = RunReport(run: run, profiler: profiler, model: "t", weights: "w",
                               image: .init(path: "a.ppm", width: 3, height: 1), labels: network.labels, topK: 2,
                               warmupRuns: 0, timedRuns: 1)
        let second = Tensor(zeros: Shape(1, 3, 1))
        InputTransform.flip.apply(to: run.input, into: second, preprocessing: .seed, seed: 0)
        report.comparison = ComparisonReport(ComparisonRun(first: run, secondInput: second), input: "flip",
                                             labels: network.labels, topK: 2)

        let json = try parseJSONObject(report.rendered(as: .json))
        let layer = try #require((json["layers"] as? [[String: Any]])?.first?["compare"] as? [String: Any])
        // A·B = 2 + 9 + 2 = 13, ‖A‖² = ‖B‖² = 14; A − B = (-1, 0, 1).
        #expect(abs((layer["similarity"] as? Double ?? 0) - 13.0 / 14) < 1e-15)
        #expect(abs((layer["distance"] as? Double ?? 0) - (2.0 / 14).squareRoot()) < 1e-15)
        let compare = try #require(json["compare"] as? [String: Any])
        #expect(compare["input"] as? String == "flip")
        let top = try #require(compare["top"] as? [[String: Any]])
        // softmax(2, 3, 1): bee e^3 / (e + e^2 + e^3), then ant e^2 / (…).
        let e = 2.718281828459045, total = e + e * e + e * e * e
        #expect(top.map { $0["label"] as? String } == ["bee", "ant"])
        #expect(abs((top[0]["p"] as? Double ?? 0) - e * e * e / total) < 1e-6)
        #expect(abs((top[1]["p"] as? Double ?? 0) - e * e / total) < 1e-6)
        // Without --compare, no member appears.
        report.comparison = nil
        #expect(!report.rendered(as: .json).contains("\"compare\""))
    }
}
