import Foundation
import Testing
import TestSupport

/// The weights file decides the model: without `--model` the program builds the preset whose
/// tensor names the file holds; a `--model` that disagrees is one line naming the right one.
@Suite struct CommandLineModelChoiceTests {
    private var chelsea: String { samplesDirectory.appendingPathComponent("chelsea.ppm").path }

    /// A preset's tensors at full size, all zeros (the data is a hole in the file).
    private func weightsFile(for preset: String, in scratch: ScratchDirectory) throws -> String {
        let path = scratch.path("\(preset).safetensors")
        try SafeTensorsFixture.preset(preset).write(to: path)
        return path
    }

    @Test(arguments: ["seed", "alexnet"])
    func weightsWithoutModelRunAsTheirPreset(preset: String) throws {
        let scratch = try ScratchDirectory()
        let path = try weightsFile(for: preset, in: scratch)
        let result = try ProductBinary.run(["--weights", path, "--report", "json", chelsea], timeout: 60)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["model"] as? String == preset)
        #expect((json["logits"] as? [Double])?.count == (preset == "seed" ? 17 : 1000))
        #expect(json["random_weights"] as? Bool == false)
    }

    @Test(arguments: [("seed", "alexnet"), ("alexnet", "seed")])
    func mismatchedModelNamesThePresetTheFileIsFor(preset: String, requested: String) throws {
        let scratch = try ScratchDirectory()
        let path = try weightsFile(for: preset, in: scratch)
        let result = try ProductBinary.run(["--model", requested, "--weights", path, "--report", "json", chelsea])
        expectOneLineError(result, status: 1, message: "\(path): weights for the \(preset) model, not \(requested): "
                           + "use --model \(preset) or leave --model out")
    }

    @Test func weightsOfNeitherModelSaySo() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("other.safetensors")
        try SafeTensorsFixture(entries: [.init(name: "encoder.weight", shape: [4, 4])]).write(to: path)
        let result = try ProductBinary.run(["--weights", path, "--report", "json", chelsea])
        expectOneLineError(result, status: 1, containing: ["\(path): no tensor of either model", "w1", "features.0.weight"])
    }

    @Test func randomWeightsAreMarkedInTheReports() throws {
        let json = try ProductBinary.run(["--report", "json", chelsea])
        #expect(json.status == 0, "stderr: \(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["random_weights"] as? Bool == true)
        let table = try ProductBinary.run(["--report", "table", chelsea])
        let lines = table.stdout.split(separator: "\n")
        let top = try #require(lines.firstIndex { $0.hasPrefix("top 5 of 17 classes") })
        // Heading, column names, five classes, then the note.
        #expect(lines.count == top + 8)
        #expect(lines.last?.hasPrefix("random weights: these classes mean nothing") == true, "\(lines.last ?? "")")
        #expect(lines.last?.contains("scripts/export_") == true)
    }

    @Test func versionIsOneLine() throws {
        let result = try ProductBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "\(result.stdout)")
        // major.minor.patch
        let parts = lines[0].split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil }, "\(lines[0])")
    }

    /// Standard input is /dev/null, not a terminal: the missing image is still what is reported.
    @Test func unreadableFileIsReportedBeforeTheMissingTerminal() throws {
        let scratch = try ScratchDirectory()
        let image = scratch.path("missing.ppm")
        expectOneLineError(try ProductBinary.run([image]), status: 1, message: "\(image): no such file")
        let weights = scratch.path("missing.safetensors")
        expectOneLineError(try ProductBinary.run(["--weights", weights, chelsea]), status: 1,
                           message: "\(weights): cannot open: No such file or directory")
    }
}
