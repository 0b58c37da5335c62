import Foundation
import Testing
import TestSupport

/// `--compare` on the command line: the JSON report's additions, the second image read as the
/// first (every format, the same errors), and bad values as one line with the status the first
/// image's would have.
@Suite struct CommandLineCompareTests {
    private var chelsea: String { samplesDirectory.appendingPathComponent("chelsea.ppm").path }
    private var coffee: String { samplesDirectory.appendingPathComponent("coffee.ppm").path }

    /// In every format: B goes through A's reader and preprocessing.
    @Test(arguments: ["chelsea.ppm", "chelsea.jpg", "chelsea.png"])
    func theSameImageTwiceIsSimilarAtEveryLayer(name: String) throws {
        let image = samplesDirectory.appendingPathComponent(name).path
        let result = try ProductBinary.run(["--report", "json", "--compare", image, image])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let layers = try #require(json["layers"] as? [[String: Any]])
        #expect(layers.count == 17)
        for layer in layers {
            let compare = try #require(layer["compare"] as? [String: Any])
            #expect(compare["similarity"] as? Double == 1 && compare["distance"] as? Double == 0, "\(layer["name"] ?? "")")
        }
        let compare = try #require(json["compare"] as? [String: Any])
        #expect(compare["input"] as? String == image)
        // B's top classes are A's.
        let top = try #require(json["top"] as? [[String: Any]]), otherTop = try #require(compare["top"] as? [[String: Any]])
        #expect(otherTop.map { $0["class"] as? Int } == top.map { $0["class"] as? Int })
    }

    /// The table ends with each layer's similarity and B's classes; the CSV gets two columns.
    @Test func tableAndCSVReportTheComparisonToo() throws {
        let table = try ProductBinary.run(["--report", "table", "--compare", chelsea, chelsea])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("compared with B = \(chelsea):") })
        let rows = lines[(start + 2)...].prefix { !$0.isEmpty }.map { $0.split(separator: " ").map(String.init) }
        #expect(rows.count == 17 && rows.allSatisfy { $0.count == 3 && $0[1] == "1.0000" && $0[2] == "0.0000" }, "\(rows)")
        #expect(lines.contains { $0.hasPrefix("B: top 5 of 17 classes") })

        let csv = try ProductBinary.run(["--report", "csv", "--compare", "flip", chelsea])
        #expect(csv.status == 0, "\(csv.stderr)")
        let records = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(records[0].suffix(2) == ["compare_similarity", "compare_distance"])
        #expect(records.count == 18 && records.dropFirst().allSatisfy { $0.count == records[0].count })
        // A mirrored cat is still much like the cat, but not the same picture.
        let conv1Similarity = try #require(Double(records[1][records[0].count - 2]))
        #expect(conv1Similarity > 0.5 && conv1Similarity < 0.999)
    }

    @Test func anotherImageDiffersAndTheTopListHasK() throws {
        let result = try ProductBinary.run(["--model", "alexnet", "--top", "3", "--report", "json", "--compare", coffee, chelsea])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let conv1 = try #require((json["layers"] as? [[String: Any]])?.first?["compare"] as? [String: Any])
        #expect((conv1["similarity"] as? Double ?? 1) < 0.99 && (conv1["distance"] as? Double ?? 0) > 0.05)
        #expect(((json["compare"] as? [String: Any])?["top"] as? [Any])?.count == 3)
    }

    @Test(arguments: [
        ("shift:x", "--compare shift:x: expected shift:DX,DY with whole pixels, e.g. shift:4,0 (see alexnet-tui --help)"),
        ("noise:1e308", "--compare noise:1e308: SIGMA must be between 0 and 1 (see alexnet-tui --help)"),
    ])
    func aMalformedTransformIsAUsageError(value: String, message: String) throws {
        let result = try ProductBinary.run(["--report", "json", "--compare", value, chelsea])
        expectOneLineError(result, status: 64, message: message)
    }

    @Test func aDamagedSecondImageGivesTheErrorTheFirstWould() throws {
        let damaged = samplesDirectory.deletingLastPathComponent()
            .appendingPathComponent("Tests/EngineTests/Fixtures/Images/bad-png-crc.png").path
        let asFirst = try ProductBinary.run(["--report", "json", damaged])
        let asSecond = try ProductBinary.run(["--report", "json", "--compare", damaged, chelsea])
        expectOneLineError(asSecond, status: 1, message: "\(damaged): PNG decoder: IDAT: CRC error")
        #expect(asSecond.stderr == asFirst.stderr)
    }

    @Test func anUnreadableSecondImageIsAFileError() throws {
        let result = try ProductBinary.run(["--report", "json", "--compare", "no/such/picture.ppm", chelsea])
        expectOneLineError(result, status: 1, message: "no/such/picture.ppm: no such file")
    }
}
