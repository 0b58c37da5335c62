import Foundation
import Testing
import TestSupport

/// `--dropout inference|original` from the command line: the seed preset's drop6 and drop7 drop
/// half of tanh's outputs and double the rest in `original`, the same way for the same `--seed`;
/// `alexnet` refuses it. (The masks themselves are checked against a Python reference in
/// EngineTests' DropoutModeTests.)
@Suite(.serialized) struct CommandLineDropoutTests {
    private var chelsea: String { samplesDirectory.appendingPathComponent("chelsea.ppm").path }

    /// Each layer's statistics of a `--report json` run, by name.
    private func layerStats(_ arguments: [String]) throws -> [String: [String: Double]] {
        let result = try ProductBinary.run(arguments + ["--report", "json", chelsea], timeout: 120)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let layers = try #require(object["layers"] as? [[String: Any]])
        var stats: [String: [String: Double]] = [:]
        for layer in layers {
            stats[try #require(layer["name"] as? String)] = try #require(layer["stats"] as? [String: Double])
        }
        return stats
    }

    @Test func originalDropsHalfOfTanhsOutputsAndDoublesTheRest() throws {
        let original = try layerStats(["--dropout", "original", "--seed", "3"])
        for (dense, drop) in [("fc6", "drop6"), ("fc7", "drop7")] {
            let before = try #require(original[dense]), after = try #require(original[drop])
            #expect(before["zeros"] == 0)
            // Binomial(4096, 0.5): 4% is 5 standard deviations.
            #expect(abs(after["zeros"]! - 0.5) < 0.04, "\(drop) zeroed \(after["zeros"]!)")
            // tanh saturates at ±1 for many of fc6's outputs: the kept ones reach ±2, never beyond.
            #expect(after["max"]! > 1.9 && after["max"]! <= 2, "\(drop) max \(after["max"]!)")
            #expect(after["min"]! < -1.9 && after["min"]! >= -2, "\(drop) min \(after["min"]!)")
        }
        let again = try layerStats(["--dropout", "original", "--seed", "3"])
        #expect(again["drop6"] == original["drop6"] && again["drop7"] == original["drop7"])
        let otherSeed = try layerStats(["--dropout", "original", "--seed", "4"])
        #expect(otherSeed["drop6"] != original["drop6"])
    }

    @Test func inferenceIsTheDefaultAndTheIdentity() throws {
        let stats = try layerStats(["--seed", "3"])
        #expect(stats["drop6"] == stats["fc6"] && stats["drop7"] == stats["fc7"])
        #expect(try layerStats(["--dropout", "inference", "--seed", "3"])["drop6"] == stats["drop6"])
    }

    @Test func alexnetRefusesOriginal() throws {
        let result = try ProductBinary.run(["--model", "alexnet", "--dropout", "original", "--report", "json", chelsea])
        expectOneLineError(result, status: 64, containing: ["--dropout original", "seed model only"])
    }

    @Test func anUnknownModeIsAUsageError() throws {
        let result = try ProductBinary.run(["--dropout", "sometimes", "--report", "json", chelsea])
        expectOneLineError(result, status: 64, containing: ["'sometimes'", "inference", "original"])
    }
}
