import Foundation
import Testing
import TestSupport

/// Weights holding NaN and infinities (an image cannot hold them; a weights file can) run to the
/// end: the report stays valid JSON, counts the non-finite values and ranks with a NaN-safe softmax.
@Suite struct ReportNonFiniteWeightsTests {
    private var chelsea: String { samplesDirectory.appendingPathComponent("chelsea.ppm").path }

    /// All-zero seed weights except the last bias: `[0, 0, 0, NaN, 0, +inf, 0, -inf, 0, ...]`.
    /// Every activation before the last layer is zero, so the logits are that bias.
    private func writeWeights(to path: String) throws {
        var bias = [Float](repeating: 0, count: 17)
        bias[3] = .nan
        bias[5] = .infinity
        bias[7] = -.infinity
        try writeZeroWeights(to: path, setting: "b8", to: bias)
    }

    /// All-zero seed weights with the first values of tensor `name` replaced by `values`.
    private func writeZeroWeights(to path: String, setting name: String, to values: [Float]) throws {
        let fixture = SafeTensorsFixture.preset("seed")
        try fixture.write(to: path)
        var header = fixture.header.utf8.count
        header += (8 - header % 8) % 8
        let before = fixture.entries.prefix { $0.name != name }
            .reduce(0) { $0 + $1.shape.reduce(1, *) * $1.bytesPerElement }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(8 + header + before))
        try handle.write(contentsOf: values.withUnsafeBytes { Data($0) })
    }

    @Test func nonFiniteLogitsGiveValidJSONWithTheirCount() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("nonfinite.safetensors")
        try writeWeights(to: path)
        let result = try ProductBinary.run(["--weights", path, "--report", "json", chelsea], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])

        // JSON has no NaN or infinity: those logits are null, the rest are the bias's zeros.
        let logits = try #require(json["logits"] as? [Any])
        #expect(logits.count == 17)
        for (index, value) in logits.enumerated() {
            if [3, 5, 7].contains(index) { #expect(value is NSNull, "logit \(index)") }
            else { #expect(value as? Double == 0, "logit \(index)") }
        }

        // Only the last layer's output holds non-finite values, three of them.
        let layers = try #require(json["layers"] as? [[String: Any]])
        let counts = layers.map { ($0["stats"] as? [String: Any])?["nonfinite"] as? Int }
        #expect(counts.dropLast().allSatisfy { $0 == 0 }, "\(counts)")
        #expect(counts.last == 3)
        let lastStats = try #require(layers.last?["stats"] as? [String: Any])
        #expect(lastStats["min"] as? Double == 0 && lastStats["max"] as? Double == 0,
                "finite values only: \(lastStats)")

        // +infinity takes all the probability; NaN gets none.
        let top = try #require(json["top"] as? [[String: Any]])
        #expect(top.first?["class"] as? Int == 5)
        #expect(top.first?["p"] as? Double == 1)
        #expect(top.dropFirst().allSatisfy { $0["p"] as? Double == 0 })
    }

    @Test func csvCountsThemAndTheTableStillPrints() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("nonfinite.safetensors")
        try writeWeights(to: path)
        let csv = try ProductBinary.run(["--weights", path, "--report", "csv", chelsea], timeout: 120)
        #expect(csv.status == 0, "\(csv.stderr)")
        // Seed's layer names and shapes hold no commas, so a plain split is the CSV's fields.
        let rows = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let column = try #require(rows.first?.firstIndex(of: "nonfinite"))
        #expect(rows.last?[column] == "3")

        let table = try ProductBinary.run(["--weights", path, "--report", "table", chelsea], timeout: 120)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("conv1"))
    }

    /// The tester's case: one NaN weight in conv3 (`w3[0]`) makes every later layer NaN. No
    /// statistics are invented for them (null, `nan`) and no class is ranked.
    @Test func aNaNWeightGivesNoStatisticsAndNoPrediction() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("nan-w3.safetensors")
        try writeZeroWeights(to: path, setting: "w3", to: [.nan])
        let result = try ProductBinary.run(["--weights", path, "--report", "json", chelsea], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let fc8 = try #require((json["layers"] as? [[String: Any]])?.last?["stats"] as? [String: Any])
        #expect(fc8["nonfinite"] as? Int == 17)
        #expect(fc8["min"] is NSNull && fc8["mean"] is NSNull, "\(fc8)")
        #expect((json["top"] as? [Any])?.isEmpty == true)
        #expect(json["no_prediction"] as? String == "the logits are not finite")

        let table = try ProductBinary.run(["--weights", path, "--report", "table", chelsea], timeout: 120)
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        let row = try #require(lines.first { $0.hasPrefix("fc8 ") })
        #expect(row.split(separator: " ").suffix(5) == ["nan", "nan", "nan", "nan", "0.0%"], "\(row)")
        #expect(lines.contains("no prediction: the logits are not finite"))
    }
}

