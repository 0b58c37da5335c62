import Foundation
import Testing
import TestSupport

/// `--report table|json|csv` on a sample image, for both presets: each form is well formed,
/// the three agree, and the costs match numbers worked out by hand from the architectures.
@Suite(.serialized) struct ReportFormsTests {
    private var chelsea: String { samplesDirectory.appendingPathComponent("chelsea.ppm").path }

    private func report(_ format: String, model: String, extra: [String] = [],
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try ProductBinary.run(["--model", model, "--report", format] + extra + [chelsea], timeout: 120)
        #expect(result.status == 0, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, sourceLocation: sourceLocation)
        return result.stdout
    }

    private func jsonReport(model: String, extra: [String] = []) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(try report("json", model: model, extra: extra).utf8))
        return try #require(object as? [String: Any])
    }

    /// Table cells printed with about four significant digits (three in exponent form).
    private func expectClose(_ printed: String, _ exact: Double, _ what: String,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        let value = parseHuman(printed)
        #expect(value != nil && abs(value! - exact) <= 5e-3 * abs(exact) + 5e-5,
                "\(what): table \(printed), JSON \(exact)", sourceLocation: sourceLocation)
    }

    /// `34.94K` → 34940, `1.23e+05`, `12.5%` → 12.5.
    private func parseHuman(_ text: String) -> Double? {
        var body = Substring(text)
        if body.hasSuffix("%") { body = body.dropLast() }
        let scales: [Character: Double] = ["K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12]
        if let last = body.last, let scale = scales[last] { return Double(body.dropLast()).map { $0 * scale } }
        return Double(body)
    }

    @Test(arguments: ["seed", "alexnet"])
    func tableJSONAndCSVAgree(model: String) throws {
        let json = try jsonReport(model: model)
        let layers = try #require(json["layers"] as? [[String: Any]])
        #expect(json["model"] as? String == model)
        let image = try #require(json["image"] as? [String: Any])
        #expect(image["width"] as? Int == 451)
        #expect(image["height"] as? Int == 300)

        // CSV: the same numbers. The engine gives the same bits on every run, but JSONSerialization
        // does not always parse a double back to the nearest value of the digits written (seen:
        // the 17th digit), so 1e-12 relative plus 1e-12 absolute. (Parameters and FLOPs are exact.)
        let csv = try report("csv", model: model).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = csv[0]
        #expect(csv.count == layers.count + 1)
        for (row, layer) in zip(csv.dropFirst(), layers) {
            let field = { (name: String) -> String in header.firstIndex(of: name).map { row[$0] } ?? "?" }
            let stats = try #require(layer["stats"] as? [String: Any])
            #expect(field("layer") == layer["name"] as? String)
            #expect(field("kind") == layer["kind"] as? String)
            #expect(field("output") == (layer["output"] as? [Int] ?? []).map(String.init).joined(separator: "x"))
            #expect(Int(field("params")) == layer["params"] as? Int)
            #expect(Int(field("flops")) == layer["flops"] as? Int)
            for key in ["min", "max", "mean", "std", "zeros"] {
                let fromCSV = Double(field(key)) ?? .nan, fromJSON = stats[key] as? Double ?? .nan
                #expect(abs(fromCSV - fromJSON) <= 1e-12 * abs(fromJSON) + 1e-12, "\(field("layer")) \(key)")
            }
            #expect(Int(field("nonfinite")) == stats["nonfinite"] as? Int)
            #expect((field("unused") == "true") == (layer["unused"] as? Bool ?? false))
            // (`bound` and `roofline` are not compared: each run measures its own ceilings.)
            #expect(Int(field("bytes")) == layer["bytes"] as? Int)
        }

        // Table: the same numbers, rounded for people.
        let table = try report("table", model: model).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // 100 columns before the roofline's `roof` (6 more); loaded machines widen `ms` and `roof`.
        #expect(table.allSatisfy { $0.count <= 106 }, "a line is wider than 106 columns")
        let headerIndex = try #require(table.firstIndex { $0.hasPrefix("layer ") })
        let rows = table[(headerIndex + 2)...].prefix(layers.count).map { $0.split(separator: " ").map(String.init) }
        var shareSum = 0.0
        for (cells, layer) in zip(rows, layers) {
            let name = try #require(layer["name"] as? String)
            let stats = try #require(layer["stats"] as? [String: Any])
            try #require(cells.count == 14, "\(cells)")
            #expect(cells[0] == name + ((layer["unused"] as? Bool ?? false) ? "*" : ""))
            #expect(cells[2] == (layer["output"] as? [Int] ?? []).map(String.init).joined(separator: "x"))
            expectClose(cells[3], Double(layer["params"] as? Int ?? -1), "\(name) params")
            expectClose(cells[4], Double(layer["flops"] as? Int ?? -1), "\(name) FLOPs")
            #expect(Double(cells[5]).map { $0 >= 0 } == true, "\(name) ms \(cells[5])")
            shareSum += Double(cells[6]) ?? .nan
            // roof: `C 71%` or `M 92%` (another run's ceilings and time than the JSON's).
            #expect(cells[7] == "C" || cells[7] == "M", "\(name) bound \(cells[7])")
            // A tiny layer preempted while timed (the tests run in parallel) reaches `<1%`.
            #expect(cells[8] == "<1%" || parseHuman(cells[8]).map { $0 > 0 } == true, "\(name) roof \(cells[8])")
            for (cell, key) in zip(cells[9...12], ["min", "mean", "max", "std"]) {
                expectClose(cell, stats[key] as? Double ?? .nan, "\(name) \(key)")
            }
            expectClose(cells[13], (stats["zeros"] as? Double ?? .nan) * 100, "\(name) zeros %")
        }
        #expect(abs(shareSum - 100) < 0.1 * Double(layers.count), "shares add up to \(shareSum)%")
        let totals = try #require(json["totals"] as? [String: Any])
        let totalRow = try #require(table.first { $0.hasPrefix("total ") }).split(separator: " ").map(String.init)
        expectClose(totalRow[1], Double(totals["params"] as? Int ?? -1), "total params")
        expectClose(totalRow[2], Double(totals["flops"] as? Int ?? -1), "total FLOPs")

        // Top classes: same ranking, labels and probabilities.
        let top = try #require(json["top"] as? [[String: Any]])
        #expect(top.count == 5)
        let topStart = try #require(table.firstIndex { $0.hasPrefix("top 5 of ") })
        for (offset, entry) in top.enumerated() {
            let line = table[topStart + 2 + offset]
            let label = try #require(entry["label"] as? String)
            #expect(line.contains(label), "\(line) lacks \(label)")
            let cells = line.split(separator: " ").map(String.init)
            #expect(cells[1] == String(entry["class"] as? Int ?? -1))
            let p = try #require(entry["p"] as? Double)
            #expect(cells.contains { Double($0).map { abs($0 - p) <= 6e-5 } ?? false }, "\(line) lacks p \(p)")
        }
        let probabilities = top.compactMap { $0["p"] as? Double }
        #expect(probabilities == probabilities.sorted(by: >))
        let logits = try #require(json["logits"] as? [Double])
        #expect(logits.count == (model == "seed" ? 17 : 1000))
    }

    @Test func seedCostsMatchTheArchitecture() throws {
        let json = try jsonReport(model: "seed")
        let layers = try #require(json["layers"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: layers.map { ($0["name"] as? String ?? "", $0) })
        let conv1 = try #require(byName["conv1"])
        // 11x11x3 -> 96, stride 4 SAME on 224: 56x56x96; (363 + 1) x 96 params; 2 x 3136 x 96 x 363 FLOPs.
        #expect(conv1["kind"] as? String == "conv2d")
        #expect(conv1["output"] as? [Int] == [56, 56, 96])
        #expect(conv1["params"] as? Int == 34_944)
        #expect(conv1["flops"] as? Int == 218_566_656)
        #expect(byName["conv5"]?["unused"] as? Bool == true)
        #expect(layers.filter { $0["unused"] as? Bool == true }.count == 1)
        // fc6: 18816 x 4096 + 4096.
        #expect(byName["fc6"]?["params"] as? Int == 77_074_432)
        // Roofline bytes: 77 074 432 weights + 18816 in + 4096 out, 4 bytes each. conv3 by
        // Winograd: 16 x 49 tiles x 256 x 384 multiply-adds, 2.25x fewer than its 346.8M FLOPs.
        // (Bounds depend on the ceilings this run measured: RooflineTests work them by hand.)
        #expect(byName["fc6"]?["bytes"] as? Int == 308_389_376)
        #expect(byName["conv3"]?["performed_flops"] as? Int == 2 * 16 * 49 * 256 * 384)
        #expect(byName["fc8"]?["output"] as? [Int] == [17])
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["params"] as? Int == 98_115_089)
        #expect(totals["weight_bytes"] as? Int == 98_115_089 * 4)
    }

    @Test func alexnetCostsMatchTheArchitecture() throws {
        let json = try jsonReport(model: "alexnet")
        let layers = try #require(json["layers"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: layers.map { ($0["name"] as? String ?? "", $0) })
        let conv1 = try #require(byName["conv1"])
        // 11x11x3 -> 64, stride 4, padding 2 on 224: 55x55x64.
        #expect(conv1["output"] as? [Int] == [55, 55, 64])
        #expect(conv1["params"] as? Int == 23_296)
        #expect(conv1["flops"] as? Int == 2 * 55 * 55 * 64 * 363)
        #expect(byName["avgpool"]?["output"] as? [Int] == [6, 6, 256])
        #expect(layers.allSatisfy { $0["unused"] == nil })
        let totals = try #require(json["totals"] as? [String: Any])
        // torchvision's alexnet: 61,100,840 parameters.
        #expect(totals["params"] as? Int == 61_100_840)
    }

    @Test func repeatedRunsReportMedianMinimumAndMaximum() throws {
        let json = try jsonReport(model: "alexnet", extra: ["--repeat", "3"])
        let timing = try #require(json["timing"] as? [String: Any])
        #expect(timing["runs"] as? Int == 3)
        #expect(timing["warmup"] as? Int == 1)
        for layer in try #require(json["layers"] as? [[String: Any]]) {
            let ms = try #require(layer["ms"] as? Double), low = try #require(layer["ms_min"] as? Double)
            let high = try #require(layer["ms_max"] as? Double)
            #expect(low <= ms && ms <= high)
        }
    }

    /// The same seed gives the same weights, so the same logits, bit for bit (each run parses its
    /// JSON the same way); another seed gives different logits.
    @Test func sameSeedSameNumbersOtherSeedOtherNumbers() throws {
        let first = try #require(try jsonReport(model: "seed")["logits"] as? [Double])
        let again = try #require(try jsonReport(model: "seed", extra: ["--seed", "0"])["logits"] as? [Double])
        let other = try #require(try jsonReport(model: "seed", extra: ["--seed", "1"])["logits"] as? [Double])
        let scale = first.map(abs).max() ?? 1
        #expect(first == again, "\(first) vs \(again)")
        #expect(zip(first, other).contains { abs($0 - $1) > 1e-2 * scale })
    }
}
