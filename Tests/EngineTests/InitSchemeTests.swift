import Testing
import Engine
import TestSupport

/// `--init`: the weights' spread follows the scheme's formula from each layer's fans; biases
/// keep the preset's initialisation.
@Suite struct InitSchemeTests {
    static let widths = Preset.Widths(conv1: 8, conv2: 16, conv3: 8, conv4: 8, conv5: 8, fc6: 32, fc7: 16, classes: 17)

    /// Largest |w| of a uniform ±bound over thousands of draws comes within 2% of the bound;
    /// never beyond it.
    func expectUniform(_ tensor: Tensor, bound: Double, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let stats = ActivationStats(tensor)
        let largest = max(abs(stats.min), abs(stats.max))
        #expect(largest <= bound * (1 + 1e-6) && largest >= bound * 0.98, "\(name): max |w| \(largest), bound \(bound)",
                sourceLocation: sourceLocation)
    }

    @Test func heAndGlorotBoundsFollowTheFans() throws {
        for preset in Preset.allCases {
            let he = try preset.build(weights: .random(seed: 1), widths: Self.widths, initScheme: .he).network
            let glorot = try preset.build(weights: .random(seed: 1), widths: Self.widths, initScheme: .glorot).network
            for (index, node) in he.nodes.enumerated() {
                if let conv = node.layer as? Conv2D {
                    // HWIO: fan_in = kh * kw * in, fan_out = kh * kw * out.
                    let k = conv.weights.shape
                    let fanIn = k[0] * k[1] * k[2], fanOut = k[0] * k[1] * k[3]
                    expectUniform(conv.weights, bound: (6.0 / Double(fanIn)).squareRoot(), "\(preset) \(conv.name) he")
                    let other = try #require(glorot.nodes[index].layer as? Conv2D)
                    expectUniform(other.weights, bound: (6.0 / Double(fanIn + fanOut)).squareRoot(), "\(preset) \(conv.name) glorot")
                }
                if let dense = node.layer as? Dense {
                    expectUniform(dense.weights, bound: (6.0 / Double(dense.inputs)).squareRoot(), "\(preset) \(dense.name) he")
                }
            }
        }
    }

    /// The seed's conv1 bias is the constant 0 whatever the scheme; the default scheme gives the
    /// preset's own weights bit for bit.
    @Test func biasesAndDefaultAreThePresets() throws {
        let own = try Preset.seed.build(weights: .random(seed: 4), widths: Self.widths).network
        let byDefault = try Preset.seed.build(weights: .random(seed: 4), widths: Self.widths, initScheme: .presetDefault).network
        let he = try Preset.seed.build(weights: .random(seed: 4), widths: Self.widths, initScheme: .he).network
        let a = try #require(own.nodes[0].layer as? Conv2D), b = try #require(byDefault.nodes[0].layer as? Conv2D)
        let c = try #require(he.nodes[0].layer as? Conv2D)
        #expect(a.weights.toArray() == b.weights.toArray())
        #expect(c.bias.toArray().allSatisfy { $0 == 0 })
        // Truncated normal 0.1 on seed is the seed's own.
        let truncated = try Preset.seed.build(weights: .random(seed: 4), widths: Self.widths, initScheme: .truncatedNormal).network
        #expect((truncated.nodes[0].layer as? Conv2D)?.weights.toArray() == a.weights.toArray())
    }

    @Test func schemesCycleAndParseFromTheirNames() {
        #expect(InitScheme(rawValue: "truncated-normal-0.1") == .truncatedNormal)
        #expect(InitScheme.allCases.map(\.rawValue) == ["default", "truncated-normal-0.1", "he", "glorot"])
        #expect(InitScheme.glorot.next == .presetDefault)
    }
}
