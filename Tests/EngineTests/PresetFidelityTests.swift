import Foundation
import Testing
import Engine

/// End-to-end fidelity: the presets, built by the real builder from weights files in their
/// published keys and layouts, reproduce TensorFlow (seed) and PyTorch (alexnet) at every layer.
///
/// Fixtures from `scripts/make_reference_fixtures.py`: reduced-width copies of both architectures
/// (same layers, few channels) run in the reference framework. Error norm per layer:
/// max |engine − reference| / max |reference|, which must be ≤ 1e-4.
@Suite struct PresetFidelityTests {
    static let tolerance = 1e-4

    /// The widths `make_reference_fixtures.py` uses (SEED_REDUCED, ALEXNET_REDUCED).
    static func reducedWidths(_ preset: Preset) -> Preset.Widths {
        switch preset {
        case .seed: Preset.Widths(conv1: 8, conv2: 16, conv3: 24, conv4: 16, conv5: 8, fc6: 32, fc7: 24, classes: 17)
        case .alexnet: Preset.Widths(conv1: 8, conv2: 16, conv3: 24, conv4: 16, conv5: 12, fc6: 32, fc7: 24, classes: 10)
        }
    }

    @Test(arguments: Preset.allCases)
    func reducedModelMatchesTheReferenceFrameworkAtEveryLayer(_ preset: Preset) throws {
        let errors = try layerErrors(preset, widths: Self.reducedWidths(preset),
                                     weights: modelsFixturePath("\(preset)_reduced_weights.safetensors"),
                                     expected: modelsFixturePath("\(preset)_reduced_expected.safetensors"))
        for (layer, error) in errors {
            #expect(error <= Self.tolerance, "\(preset) \(layer): max relative error \(error)")
        }
    }

    /// The full-size check, run by hand through `scripts/check_full_fidelity.py`, which writes
    /// the reference files (hundreds of MB, not committed) and sets the variable.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ALEXNET_TUI_FULL_FIDELITY_DIR"] != nil),
          arguments: Preset.allCases)
    func fullSizeModelMatchesTheReferenceFramework(_ preset: Preset) throws {
        let directory = ProcessInfo.processInfo.environment["ALEXNET_TUI_FULL_FIDELITY_DIR"]!
        let errors = try layerErrors(preset, widths: preset.widths,
                                     weights: directory + "/\(preset)_full_weights.safetensors",
                                     expected: directory + "/\(preset)_full_expected.safetensors")
        for (layer, error) in errors {
            print("full-size \(preset) \(layer): max relative error \(error)")
            #expect(error <= Self.tolerance, "\(preset) \(layer): max relative error \(error)")
        }
    }

    /// Runs the preset on the reference input; returns each layer's error, in network order.
    private func layerErrors(_ preset: Preset, widths: Preset.Widths, weights: String, expected: String,
                             sourceLocation: SourceLocation = #_sourceLocation) throws -> [(String, Double)] {
        let network = try preset.build(weights: .file(path: weights), widths: widths).network
        let reference = try SafeTensorsFile(path: expected)
        let run = ForwardRun(network: network, input: try reference.tensor("input", shape: network.inputShape))
        run.runToEnd()
        #expect(Set(reference.names) == Set(network.nodes.map(\.layer.name) + ["input"]),
                "the fixture covers every layer", sourceLocation: sourceLocation)
        return try network.nodes.enumerated().map { index, node in
            let name = node.layer.name
            let want = try reference.tensor(name, shape: node.outputShape)
            return (name, Self.maxRelativeError(run.outputs[index], want))
        }
    }

    /// max |actual − expected| / max |expected| (NaN in `actual` counts as infinitely far).
    static func maxRelativeError(_ actual: Tensor, _ expected: Tensor) -> Double {
        var difference = 0.0, scale = 0.0
        for index in 0..<expected.count {
            let a = Double(actual.data[index]), b = Double(expected.data[index])
            difference = max(difference, a.isNaN ? .infinity : abs(a - b))
            scale = max(scale, abs(b))
        }
        return scale > 0 ? difference / scale : difference
    }
}
