import Engine
import Foundation
import Profiling
import Testing

/// `--compare` in the reports: per-layer similarity and distance, and the second input's top
/// classes, on a one-layer network worked by hand.
@Suite struct ComparisonReportTests {
    /// A flatten of a 1x3 one-channel picture: the logits are the pixels. A = (1, 3, 2);
    /// flipped, B = (2, 3, 1).
    private func flippedReport() throws -> RunReport {
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
        return report
    }

    /// softmax(2, 3, 1) by hand: bee e^3 / (e + e^2 + e^3), then ant e^2 / (…).
    private let e = 2.718281828459045
    private var bee: Double { e * e * e / (e + e * e + e * e * e) }
    private var ant: Double { e * e / (e + e * e + e * e * e) }

    @Test func jsonAddsEachLayersSimilarityAndDistanceAndTheSecondTopClasses() throws {
        var report = try flippedReport()
        let json = try parseJSONObject(report.rendered(as: .json))
        let layer = try #require((json["layers"] as? [[String: Any]])?.first?["compare"] as? [String: Any])
        // A·B = 2 + 9 + 2 = 13, ‖A‖² = ‖B‖² = 14; A − B = (-1, 0, 1).
        #expect(abs((layer["similarity"] as? Double ?? 0) - 13.0 / 14) < 1e-15)
        #expect(abs((layer["distance"] as? Double ?? 0) - (2.0 / 14).squareRoot()) < 1e-15)
        let compare = try #require(json["compare"] as? [String: Any])
        #expect(compare["input"] as? String == "flip")
        let top = try #require(compare["top"] as? [[String: Any]])
        #expect(top.map { $0["label"] as? String } == ["bee", "ant"])
        #expect(abs((top[0]["p"] as? Double ?? 0) - bee) < 1e-6)
        #expect(abs((top[1]["p"] as? Double ?? 0) - ant) < 1e-6)
        // Without --compare, no member appears.
        report.comparison = nil
        #expect(!report.rendered(as: .json).contains("\"compare\""))
    }

    @Test func tableEndsWithEachLayersSimilarityAndDistanceAndTheSecondTopClasses() throws {
        var report = try flippedReport()
        let lines = report.rendered(as: .table).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("compared with B = flip:") })
        let words = lines[start...].map { $0.split(separator: " ").map(String.init) }
        // 13/14 and √(2/14), to four decimals.
        #expect(words[1] == ["layer", "similarity", "distance"])
        #expect(words[2] == ["flatten", "0.9286", "0.3780"])
        #expect(words[4] == ["B:", "top", "2", "of", "3", "classes", "(softmax)"])
        #expect(words[6] == ["1", "1", "bee", String(format: "%.4f", bee), String(repeating: "#", count: Int((bee * 30).rounded()))])
        #expect(words[7] == ["2", "0", "ant", String(format: "%.4f", ant), String(repeating: "#", count: Int((ant * 30).rounded()))])
        report.comparison = nil
        #expect(!report.rendered(as: .table).contains("compared with B"))
    }

    @Test func csvAddsTwoColumnsOnlyWithAComparison() throws {
        var report = try flippedReport()
        let rows = report.rendered(as: .csv).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows[0].suffix(2) == ["compare_similarity", "compare_distance"])
        #expect(rows[1].count == rows[0].count)
        let similarity = try #require(Double(rows[1][rows[0].count - 2])), distance = try #require(Double(rows[1].last!))
        #expect(abs(similarity - 13.0 / 14) < 1e-15 && abs(distance - (2.0 / 14).squareRoot()) < 1e-15)
        report.comparison = nil
        #expect(!report.rendered(as: .csv).contains("compare_"))
    }
}
