import Foundation
import Testing
import TestSupport

/// Weights files and label files change what the report says.
@Suite struct ReportWeightsAndLabelsTests {
    private var chelsea: String { samplesDirectory.appendingPathComponent("chelsea.ppm").path }

    /// All-zero weights make every activation zero, so the logits are zero and the softmax uniform:
    /// proof that the file, not random init, was used.
    @Test(arguments: ["seed", "alexnet"])
    func zeroWeightsFileGivesUniformProbabilities(model: String) throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("zeros.safetensors")
        try SafeTensorsFixture.preset(model).write(to: path)
        let result = try ProductBinary.run(["--model", model, "--weights", path, "--report", "json", chelsea], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["weights"] as? String == path)
        let logits = try #require(json["logits"] as? [Double])
        #expect(logits.allSatisfy { $0 == 0 })
        let classes = Double(logits.count)
        let top = try #require(json["top"] as? [[String: Any]])
        #expect(top.map { $0["class"] as? Int } == [0, 1, 2, 3, 4], "ties rank in class order")
        for entry in top {
            let p = try #require(entry["p"] as? Double)
            #expect(abs(p - 1 / classes) <= 1e-6 / classes)
        }
    }

    /// A NaN and an infinity in fc8's bias reach the logits: the JSON stays valid, with null
    /// where a number cannot be written, and the table and CSV still print.
    @Test func nonFiniteLogitsStillMakeValidReports() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("nan.safetensors")
        var bias = [Float](repeating: 0, count: 17)
        bias[3] = .nan
        bias[5] = .infinity
        try SafeTensorsFixture.preset("seed").write(to: path, values: ["b8": bias])
        let result = try ProductBinary.run(["--weights", path, "--report", "json", chelsea], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let logits = try #require(json["logits"] as? [Any])
        #expect(logits.count == 17)
        #expect(logits[3] is NSNull)
        #expect(logits[5] is NSNull)
        #expect(logits[0] as? Double == 0)
        let fc8 = try #require((json["layers"] as? [[String: Any]])?.last?["stats"] as? [String: Any])
        #expect(fc8["nonfinite"] as? Int == 2)
        for format in ["table", "csv"] {
            let other = try ProductBinary.run(["--weights", path, "--report", format, chelsea], timeout: 120)
            #expect(other.status == 0 && !other.stdout.isEmpty, "\(format): \(other.stderr)")
        }
    }

    @Test func labelsFileReplacesTheModelsLabels() throws {
        let scratch = try ScratchDirectory()
        let labels = (0..<17).map { "flower \($0)" }
        let path = try scratch.file("labels.txt", text: labels.joined(separator: "\n") + "\n")
        let result = try ProductBinary.run(["--labels", path, "--top", "17", "--report", "json", chelsea])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let top = try #require(json["top"] as? [[String: Any]])
        #expect(top.count == 17)
        for entry in top {
            #expect(entry["label"] as? String == "flower \(entry["class"] as? Int ?? -1)")
        }
    }

    @Test func labelsFileWithWindowsLineEndings() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.file("labels.txt", text: (0..<17).map { "f\($0)" }.joined(separator: "\r\n"))
        let result = try ProductBinary.run(["--labels", path, "--report", "json", chelsea])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for entry in try #require(json["top"] as? [[String: Any]]) {
            #expect(entry["label"] as? String == "f\(entry["class"] as? Int ?? -1)")
        }
    }

    /// As `(seq 1 17; echo) > labels.txt` writes it.
    @Test func labelsFileWithATrailingBlankLine() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.file("labels.txt", text: (1...17).map(String.init).joined(separator: "\n") + "\n\n")
        let result = try ProductBinary.run(["--labels", path, "--report", "json", chelsea])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func labelsFileWithTheWrongCount() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.file("labels.txt", text: "cat\ndog\nbird\n")
        let result = try ProductBinary.run(["--labels", path, "--report", "table", chelsea])
        expectOneLineError(result, message: "\(path): 3 labels, but model seed has 17 classes (one label per line)")
    }

    @Test func missingLabelsFile() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("labels.txt")
        let result = try ProductBinary.run(["--labels", path, "--report", "table", chelsea])
        expectOneLineError(result, message: "\(path): no such file")
    }

    @Test func topLargerThanTheClassesShowsEveryClass() throws {
        let result = try ProductBinary.run(["--top", "50", "--report", "json", chelsea])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((json["top"] as? [Any])?.count == 17)
    }
}
