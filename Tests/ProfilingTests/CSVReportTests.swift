import Foundation
import Profiling
import Testing

@Suite struct CSVReportTests {
    private func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func headerThenOneRowPerLayer() throws {
        let rows = rows(try ReportFixture().report().rendered(as: .csv))
        #expect(rows.count == 4)
        #expect(rows[0].prefix(6) == ["layer", "kind", "output", "params", "macs", "flops"])
        #expect(rows.allSatisfy { $0.count == rows[0].count })
        #expect(rows[1].prefix(6) == ["conv", "conv2d", "2x2x1", "10", "36", "72"])
    }

    @Test func numbersAreTheJSONNumbers() throws {
        let report = try ReportFixture().report()
        let rows = rows(report.rendered(as: .csv))
        let header = rows[0]
        let layers = try #require(try parseJSONObject(report.rendered(as: .json))["layers"] as? [[String: Any]])
        for (row, layer) in zip(rows.dropFirst(), layers) {
            let field = { (name: String) in row[header.firstIndex(of: name)!] }
            let stats = try #require(layer["stats"] as? [String: Any])
            #expect(field("layer") == layer["name"] as? String)
            #expect(Int(field("params")) == layer["params"] as? Int)
            #expect(Int(field("flops")) == layer["flops"] as? Int)
            #expect(Double(field("ms")) == layer["ms"] as? Double)
            #expect(Double(field("mean")) == stats["mean"] as? Double)
            #expect(Double(field("std")) == stats["std"] as? Double)
            #expect(Double(field("zeros")) == stats["zeros"] as? Double)
            #expect((field("unused") == "true") == (layer["unused"] as? Bool ?? false))
            #expect(Int(field("bytes")) == layer["bytes"] as? Int)
            #expect(Int(field("performed_flops")) == layer["performed_flops"] as? Int)
            // Foundation's JSON parser on Linux can miss the last digit of a double that is not
            // a short decimal: equal to a relative 1e-15.
            for name in ["intensity", "roofline"] {
                let csv = try #require(Double(field(name))), json = try #require(layer[name] as? Double)
                #expect(abs(csv - json) <= 1e-15 * abs(json), "\(name)")
            }
            #expect(field("bound") == layer["bound"] as? String)
        }
    }

    /// A layer with no finite value has empty statistics fields, not zeros.
    @Test func allNonFiniteLayerHasEmptyStatistics() throws {
        var fixture = ReportFixture()
        fixture.logits = [.nan, .infinity, -.infinity]
        let rows = rows(try fixture.report().rendered(as: .csv))
        let field = { (name: String) in rows[3][rows[0].firstIndex(of: name)!] }
        #expect(["min", "max", "mean", "std"].map(field) == ["", "", "", ""])
        #expect(field("nonfinite") == "3" && field("zeros") == "0.0")
    }
}
