import Foundation
import Profiling
import Testing

@Suite struct JSONReportTests {
    /// Relative tolerance for probabilities: float32 softmax against float64 by hand.
    private let tolerance = 1e-6

    @Test func describesModelImageAndTiming() throws {
        let json = try parseJSONObject(try ReportFixture().report().rendered(as: .json))
        #expect(json["model"] as? String == "scripted")
        #expect(json["weights"] as? String == "random init, seed 0")
        #expect(json["random_weights"] as? Bool == true)
        let trained = try parseJSONObject(try ReportFixture().report(randomWeights: false).rendered(as: .json))
        #expect(trained["random_weights"] as? Bool == false)
        let image = try #require(json["image"] as? [String: Any])
        #expect(image["path"] as? String == "images/a \"cat\".ppm")
        #expect(image["width"] as? Int == 451)
        #expect(image["height"] as? Int == 300)
        let timing = try #require(json["timing"] as? [String: Any])
        #expect(timing["runs"] as? Int == 3)
        #expect(timing["warmup"] as? Int == 1)
    }

    @Test func layersCarryShapeCostStatsAndMedianTime() throws {
        let json = try parseJSONObject(try ReportFixture().report().rendered(as: .json))
        let layers = try #require(json["layers"] as? [[String: Any]])
        #expect(layers.map { $0["name"] as? String } == ["conv", "spare", "fc"])
        let conv = layers[0]
        #expect(conv["kind"] as? String == "conv2d")
        #expect(conv["output"] as? [Int] == [2, 2, 1])
        #expect(conv["params"] as? Int == 10)
        #expect(conv["macs"] as? Int == 36)
        #expect(conv["flops"] as? Int == 72)
        #expect(conv["weight_bytes"] as? Int == 40)
        #expect(conv["ms"] as? Double == 3)
        #expect(conv["ms_min"] as? Double == 2)
        #expect(conv["ms_max"] as? Double == 4)
        // Medians 3 + 1 + 5 = 9 ms.
        #expect(abs((conv["share"] as? Double ?? 0) - 3.0 / 9) <= 1e-12)
        // Values 0, 1, 2, -1 by hand: mean 0.5, population variance 1.25.
        let stats = try #require(conv["stats"] as? [String: Any])
        #expect(stats["min"] as? Double == -1)
        #expect(stats["max"] as? Double == 2)
        #expect(stats["mean"] as? Double == 0.5)
        #expect(stats["std"] as? Double == 1.25.squareRoot())
        #expect(stats["zeros"] as? Double == 0.25)
        #expect(stats["nonfinite"] as? Int == 0)
        #expect(layers[2]["output"] as? [Int] == [3])
    }

    @Test func methodIsNullForTheTextbookComputationAndNamedOtherwise() throws {
        var fixture = ReportFixture()
        let plain = try #require(try parseJSONObject(try fixture.report().rendered(as: .json))["layers"] as? [[String: Any]])
        #expect(plain.allSatisfy { $0["method"] is NSNull })
        fixture.convMethod = "Winograd F(2x2, 3x3)"
        let layers = try #require(try parseJSONObject(try fixture.report().rendered(as: .json))["layers"] as? [[String: Any]])
        #expect(layers[0]["method"] as? String == "Winograd F(2x2, 3x3)")
        #expect(layers[2]["method"] is NSNull)
    }

    /// Roofs 1 MFLOP/s and 100 kB/s (ridge 10 FLOP/B). conv: 72 FLOPs over 40 B of weights +
    /// 16 B in + 16 B out = 72 B, 1 FLOP/B, memory-bound; 72 B in its median 3 ms = 24 kB/s,
    /// 24% of the bandwidth. fc: 24 FLOPs over 60 + 16 + 12 = 88 B in 5 ms = 17.6 kB/s, 17.6%.
    @Test func layersCarryBytesIntensityBoundAndRooflineShare() throws {
        let json = try parseJSONObject(try ReportFixture().report().rendered(as: .json))
        let layers = try #require(json["layers"] as? [[String: Any]])
        let conv = layers[0], fc = layers[2]
        #expect(conv["bytes"] as? Int == 72)
        #expect(conv["performed_flops"] as? Int == 72)
        #expect(conv["intensity"] as? Double == 1)
        #expect(conv["bound"] as? String == "memory")
        #expect(abs((conv["roofline"] as? Double ?? 0) - 0.24) <= 1e-12)
        #expect(fc["bytes"] as? Int == 88)
        #expect(abs((fc["intensity"] as? Double ?? 0) - 24.0 / 88) <= 1e-12)
        #expect(abs((fc["roofline"] as? Double ?? 0) - 0.176) <= 1e-12)
        let ceilings = try #require(json["ceilings"] as? [String: Any])
        #expect(ceilings["fma_gflops_per_s"] as? Double == 1e-3)
        #expect(ceilings["read_gb_per_s"] as? Double == 1e-4)
        #expect(ceilings["method"] as? String == "fixed for the tests")
        #expect(ceilings["measured"] as? String == "2025-11-24 16:00 UTC")
    }

    /// Winograd doing 9 of conv's 36 multiply-adds: 18 FLOPs over the same 72 B.
    @Test func intensityCountsTheFLOPsTheMethodDoes() throws {
        var fixture = ReportFixture()
        fixture.convPerformedMultiplyAdds = 9
        let layers = try #require(try parseJSONObject(try fixture.report().rendered(as: .json))["layers"]
            as? [[String: Any]])
        #expect(layers[0]["flops"] as? Int == 72)
        #expect(layers[0]["performed_flops"] as? Int == 18)
        #expect(layers[0]["intensity"] as? Double == 0.25)
    }

    @Test func withoutCeilingsNoBoundOrShare() throws {
        var fixture = ReportFixture()
        fixture.ceilings = nil
        let json = try parseJSONObject(try fixture.report().rendered(as: .json))
        #expect(json["ceilings"] is NSNull)
        let layers = try #require(json["layers"] as? [[String: Any]])
        #expect(layers[0]["bytes"] as? Int == 72)
        #expect(layers[0]["bound"] is NSNull)
        #expect(layers[0]["roofline"] is NSNull)
    }

    @Test func onlyTheUnreadLayerIsMarkedUnused() throws {
        let json = try parseJSONObject(try ReportFixture().report().rendered(as: .json))
        let layers = try #require(json["layers"] as? [[String: Any]])
        #expect(layers.map { $0["unused"] as? Bool } == [nil, true, nil])
    }

    @Test func topClassesAreTheSoftmaxRanking() throws {
        let json = try parseJSONObject(try ReportFixture().report(topK: 2).rendered(as: .json))
        let top = try #require(json["top"] as? [[String: Any]])
        #expect(top.map { $0["class"] as? Int } == [1, 2])
        #expect(top.map { $0["label"] as? String } == ["bee", "cat"])
        let e = M_E
        let sum = e + e * e + e * e * e
        for (entry, expected) in zip(top, [e * e * e / sum, e * e / sum]) {
            let p = try #require(entry["p"] as? Double)
            #expect(abs(p - expected) <= tolerance * expected)
        }
        #expect(json["logits"] as? [Double] == [1, 3, 2])
    }

    @Test func singleRunHasNoMinimumOrMaximum() throws {
        let json = try parseJSONObject(try ReportFixture().report(repeats: 1).rendered(as: .json))
        let layers = try #require(json["layers"] as? [[String: Any]])
        #expect(layers[0]["ms"] as? Double == 2)
        #expect(layers[0]["ms_min"] == nil)
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["run_ms"] == nil)
    }

    @Test func totalsAddTheLayers() throws {
        let json = try parseJSONObject(try ReportFixture().report().rendered(as: .json))
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["params"] as? Int == 25)
        #expect(totals["flops"] as? Int == 104)
        #expect(totals["weight_bytes"] as? Int == 100)
        #expect(totals["ms"] as? Double == 9)
        // Runs take 2+1+4, 4+1+6, 3+1+5 ms.
        let runs = try #require(totals["run_ms"] as? [String: Any])
        #expect(runs["min"] as? Double == 7)
        #expect(runs["median"] as? Double == 9)
        #expect(runs["max"] as? Double == 11)
    }

    @Test func nonFiniteNumbersStillMakeValidJSON() throws {
        var fixture = ReportFixture()
        fixture.logits = [.nan, .infinity, 1]
        fixture.convValues = [.nan, -.infinity, 1, 1]
        let json = try parseJSONObject(try fixture.report().rendered(as: .json))
        let logits = try #require(json["logits"] as? [Any])
        #expect(logits[0] is NSNull)
        #expect(logits[1] is NSNull)
        #expect(logits[2] as? Double == 1)
        let stats = try #require((json["layers"] as? [[String: Any]])?[0]["stats"] as? [String: Any])
        #expect(stats["nonfinite"] as? Int == 2)
        #expect(stats["mean"] as? Double == 1)
        // +infinity takes all the probability; the NaN logit's class is not ranked.
        let top = try #require(json["top"] as? [[String: Any]])
        #expect(top.map { $0["class"] as? Int } == [1, 2])
        #expect(json["no_prediction"] is NSNull)
    }

    /// Every logit NaN: statistics null (not 0), no class ranked, and `no_prediction` says why.
    @Test func nanLogitsGiveNullStatisticsAndNoPrediction() throws {
        var fixture = ReportFixture()
        fixture.logits = [.nan, .nan, .nan]
        let json = try parseJSONObject(try fixture.report().rendered(as: .json))
        let stats = try #require((json["layers"] as? [[String: Any]])?.last?["stats"] as? [String: Any])
        for name in ["min", "max", "mean", "std"] { #expect(stats[name] is NSNull, "\(name): \(stats)") }
        #expect(stats["nonfinite"] as? Int == 3)
        #expect((json["top"] as? [Any])?.isEmpty == true, "\(json["top"] ?? "missing")")
        #expect(json["no_prediction"] as? String == "the logits are not finite")
    }
}
