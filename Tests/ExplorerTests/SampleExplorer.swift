import Engine
import Explorer
import Foundation

/// An explorer on the bundled chelsea sample with `preset`'s random weights (seed 42), in
/// truecolor: real activations for the redraw benchmarks.
func sampleExplorer(_ preset: Preset) throws -> (ExplorerApp, ForwardRun) {
    let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../samples/chelsea.ppm").standardized.path
    let image = try NetpbmReader.read(path: samples)
    let run = ForwardRun(network: try preset.makeNetwork(weights: .random(seed: 42)),
                         input: preset.preprocessing.tensor(from: image))
    let context = ExplorerContext(modelName: preset.rawValue, weightsDescription: "random init, seed 42",
                                  imagePath: "samples/chelsea.ppm", imageWidth: image.width,
                                  imageHeight: image.height, labels: preset.labels, randomWeights: true)
    return (ExplorerApp(run: run, context: context, colorMode: .trueColor), run)
}
