import Engine
import Foundation
import Profiling

/// The model, weights, image and labels the options name, loaded and checked, ready to run.
///
/// The cheap checks come first (labels file, image), so that a bad file is reported at once
/// rather than after drawing a hundred million random weights.
struct Session {
    let preset: Preset
    let weightsDescription: String
    let imagePath: String
    let imageWidth: Int
    let imageHeight: Int
    let labels: [String]
    let topK: Int
    let run: ForwardRun

    static func load(model: ModelOptions, input: InputOptions) throws -> Session {
        let preset = model.model
        let labelsOverride = try input.labels.map(LabelsFile.read)
        if let labelsOverride, let path = input.labels, labelsOverride.count != preset.labels.count {
            throw FileError(labels: path, "\(labelsOverride.count) labels, but model "
                + "\(preset.rawValue) has \(preset.labels.count) classes (one label per line)")
        }
        // The input is made before the weights, so that the decoded samples (two bytes each, 1.6 GB
        // for the largest image) are freed before the weights take their memory.
        let source = try readInput(path: input.image, preprocessing: preset.preprocessing)
        let network: Network
        do {
            network = try preset.makeNetwork(weights: model.weightsChoice, initScheme: model.initScheme)
        } catch where !(error is FileError) {
            // A shape the preset cannot take: name what was being built.
            throw CommandFailure(message: "\(model.weights ?? "model \(preset.rawValue)"): \(error)")
        }
        let labels = labelsOverride ?? network.labels
        return Session(preset: preset, weightsDescription: model.weightsDescription,
                       imagePath: input.image, imageWidth: source.width, imageHeight: source.height,
                       labels: labels, topK: min(input.top, labels.count),
                       run: ForwardRun(network: network, input: source.tensor))
    }

    /// The network input made from the image at `path`, and the image's size; the decoded
    /// samples are gone when this returns.
    private static func readInput(path: String, preprocessing: Preprocessing) throws
        -> (tensor: Tensor, width: Int, height: Int) {
        let image = try NetpbmReader.read(path: path)
        return (preprocessing.tensor(from: image), image.width, image.height)
    }

    /// Runs the network (once, or a warm-up then `--repeat` timed runs) and renders the report.
    func report(format: ReportFormat, options: ReportOptions) -> String {
        let profiler = LayerProfiler()
        // Without --repeat, the one run is timed as it is, cold; the report says so.
        let warmup = options.repeatCount == nil ? 0 : 1
        let repeats = options.repeatCount ?? 1
        profile(run, warmup: warmup, repeats: repeats, profiler: profiler)
        let report = RunReport(
            run: run, profiler: profiler, model: preset.rawValue, weights: weightsDescription,
            image: .init(path: imagePath, width: imageWidth, height: imageHeight),
            labels: labels, topK: topK, warmupRuns: warmup, timedRuns: repeats, ceilings: MachineCeilings.measured)
        return report.rendered(as: format)
    }
}
