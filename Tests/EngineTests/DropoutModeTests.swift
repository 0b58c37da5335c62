import Foundation
import Testing
import Engine
import TestSupport

/// `--dropout original` on the seed preset: drop6 and drop7 drop what the committed masks of
/// `scripts/make_dropout_masks.py` (computed in Python from the rule alone) say, double the rest,
/// and the masks depend on the seed only.
@Suite struct DropoutModeTests {
    /// The seed architecture with its real dense widths (4096) and narrow convolutions, to run fast.
    static let widths = Preset.Widths(conv1: 8, conv2: 16, conv3: 24, conv4: 16, conv5: 8, fc6: 4096, fc7: 4096, classes: 17)

    static func run(_ mode: DropoutMode, seed: UInt64) throws -> ForwardRun {
        let network = try Preset.seed.build(weights: .random(seed: 3), widths: widths).network.withDropout(mode, seed: seed)
        let run = ForwardRun(network: network, input: randomTensor(Preset.inputShape, seed: 5, in: 0...1))
        run.runToEnd()
        return run
    }

    /// The committed mask of the layer at `index` under `seed`: true = kept.
    static func referenceMask(seed: UInt64, index: Int) throws -> [Bool] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/dropout-masks.txt")
        for line in try String(contentsOf: path, encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 4, UInt64(fields[0]) == seed, Int(fields[1]) == index, let count = Int(fields[2]) else { continue }
            let digits = Array(fields[3]).map { Int(String($0), radix: 16)! }
            return (0..<count).map { digits[$0 / 4] >> ($0 % 4) & 1 == 1 }
        }
        throw CocoaError(.fileReadCorruptFile)
    }

    @Test(arguments: [(UInt64(0), "drop6"), (0, "drop7"), (7, "drop6"), (7, "drop7")])
    func originalDropsTheReferenceMaskAndDoublesTheRest(seed: UInt64, layer: String) throws {
        let run = try Self.run(.original, seed: seed)
        let index = try #require(run.network.index(of: layer))
        let before = run.outputs[index - 1].toArray(), after = run.outputs[index].toArray()
        let mask = try Self.referenceMask(seed: seed, index: index)
        #expect(mask.count == after.count)
        var mismatches = 0
        for i in after.indices where after[i] != (mask[i] ? 2 * before[i] : 0) { mismatches += 1 }
        #expect(mismatches == 0, "\(layer), seed \(seed): \(mismatches) values differ from the reference mask")
        // Half dropped: Binomial(4096, 0.5) has a standard deviation of 32 (0.8%); 4% is 5 sigma.
        let zeroed = Double(after.filter { $0 == 0 }.count) / Double(after.count)
        #expect(abs(zeroed - 0.5) < 0.04, "\(layer): \(zeroed) zeroed")
    }

    @Test func theSameSeedGivesTheSameMaskAndAnotherSeedAnother() throws {
        let a = try Self.run(.original, seed: 7), b = try Self.run(.original, seed: 7), c = try Self.run(.original, seed: 8)
        let drop6 = try #require(a.network.index(of: "drop6"))
        #expect(a.outputs[drop6].toArray() == b.outputs[drop6].toArray())
        #expect(a.outputs[drop6].toArray() != c.outputs[drop6].toArray())
        // fc6 comes before any dropout: the same whatever the mask.
        #expect(a.outputs[drop6 - 1].toArray() == c.outputs[drop6 - 1].toArray())
    }

    @Test func inferenceIsTheIdentityAndTheModeRoundTrips() throws {
        let run = try Self.run(.inference, seed: 7)
        for layer in ["drop6", "drop7"] {
            let index = try #require(run.network.index(of: layer))
            #expect(run.outputs[index].toArray() == run.outputs[index - 1].toArray())
        }
        #expect(run.network.dropoutMode == .inference)
        let original = try run.network.withDropout(.original, seed: 1)
        #expect(original.dropoutMode == .original)
        #expect(original.nodes[original.index(of: "drop6")!].layer.summary == "dropout 0.5 (dropping: a seeded mask)")
        #expect(try original.withDropout(.inference, seed: 1).dropoutMode == .inference)
        // The weights are shared, not copied; sources (pool5 reads conv4) are kept.
        #expect(original.nodes[0].layer === run.network.nodes[0].layer)
        #expect(original.unusedLayers == run.network.unusedLayers)
    }
}
