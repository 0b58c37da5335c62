import Engine
import Foundation
import Profiling

/// The model, weights, image and labels the options name, loaded and checked, ready to run.
///
/// The cheap checks come first (the weights file's header, labels file, image: `Inputs`), so
/// that a bad file is reported at once rather than after drawing a hundred million random
/// weights, and before the explorer asks for a terminal.
struct Session {
    let preset: Preset
    let weightsDescription: String
    /// No weights file: the predictions mean nothing, and the reports say so.
    let randomWeights: Bool
    let imagePath: String
    let imageWidth: Int
    let imageHeight: Int
    let labels: [String]
    let topK: Int
    let run: ForwardRun
    /// `--compare`: what the second input is, and that input, made before the weights as the first.
    let comparison: (input: ComparisonInput, tensor: Tensor)?

    /// Every file the options name, read and checked, and the preset they are for: all that can
    /// fail on a user's file, short of reading every tensor.
    struct Inputs {
        let model: ModelOptions
        let input: InputOptions
        let preset: Preset
        let labelsOverride: [String]?
        let source: (tensor: Tensor, width: Int, height: Int)
        /// `--compare`: what the second input is, and that input.
        let comparison: (input: ComparisonInput, tensor: Tensor)?

        /// Builds the network (draws or maps the weights) and makes the session.
        func session() throws -> Session {
            let network: Network
            do {
                network = try preset.makeNetwork(weights: model.weightsChoice, initScheme: model.initScheme)
                    .withDropout(model.dropout, seed: model.seed)
            } catch where !(error is FileError) {
                // A shape the preset cannot take: name what was being built.
                throw CommandFailure(message: "\(model.weights ?? "model \(preset.rawValue)"): \(error)")
            }
            let labels = labelsOverride ?? network.labels
            return Session(preset: preset, weightsDescription: model.weightsDescription,
                           randomWeights: model.weights == nil,
                           imagePath: input.image, imageWidth: source.width, imageHeight: source.height,
                           labels: labels, topK: min(input.top, labels.count),
                           run: ForwardRun(network: network, input: source.tensor), comparison: comparison)
        }
    }

    static func load(model: ModelOptions, input: InputOptions, compare: ComparisonInput? = nil) throws -> Session {
        try readInputs(model: model, input: input, compare: compare).session()
    }

    static func readInputs(model: ModelOptions, input: InputOptions, compare: ComparisonInput? = nil) throws -> Inputs {
        let preset = try resolvePreset(requested: model.requestedModel, weights: model.weights)
        try model.checkDropout(for: preset)
        let labelsOverride = try input.labels.map(LabelsFile.read)
        if let labelsOverride, let path = input.labels, labelsOverride.count != preset.labels.count {
            throw FileError(labels: path, "\(labelsOverride.count) labels, but model "
                + "\(preset.rawValue) has \(preset.labels.count) classes (one label per line)")
        }
        // The input is made before the weights, so that the decoded samples (two bytes each, 1.6 GB
        // for the largest image) are freed before the weights take their memory.
        let source = try readInput(path: input.image, preprocessing: preset.preprocessing)
        let second = try compare.map {
            ($0, try $0.tensor(beside: source.tensor, preprocessing: preset.preprocessing, seed: model.seed))
        }
        return Inputs(model: model, input: input, preset: preset, labelsOverride: labelsOverride, source: source,
                      comparison: second)
    }

    /// The preset to build: the one the weights file is for (`--model`, if given, must agree),
    /// or `--model`, or `seed`. Opening the file here reads only its header.
    static func resolvePreset(requested: Preset?, weights: String?) throws -> Preset {
        guard let weights else { return requested ?? .seed }
        let file = try SafeTensorsFile(path: weights)
        guard let forFile = Preset.matching(tensorNames: file.names) else {
            throw FileError(weights: weights, "no tensor of either model: seed's are w1, b1 … w8, b8; "
                + "alexnet's are torchvision's features.0.weight … classifier.6.bias")
        }
        if let requested, requested != forFile {
            throw FileError(weights: weights, "weights for the \(forFile.rawValue) model, not \(requested.rawValue): "
                + "use --model \(forFile.rawValue) or leave --model out")
        }
        return forFile
    }

    /// The network input made from the image at `path`, and the image's size; the decoded
    /// samples are gone when this returns.
    private static func readInput(path: String, preprocessing: Preprocessing) throws
        -> (tensor: Tensor, width: Int, height: Int) {
        let image = try ImageReader.read(path: path)
        return (preprocessing.tensor(from: image), image.width, image.height)
    }

    /// Runs the network (once, or a warm-up then `--repeat` timed runs) and renders the report.
    /// The machine's ceilings are measured after the runs, reading the weights they have just
    /// read (resident by then: no memory added to the peak), not before the weights are made
    /// (which would delay a bad file's error and measure between a file's header and its tensors).
    func report(format: ReportFormat, options: ReportOptions) -> String {
        let profiler = LayerProfiler()
        // Without --repeat, the one run is timed as it is, cold; the report says so.
        let warmup = options.repeatCount == nil ? 0 : 1
        let repeats = options.repeatCount ?? 1
        profile(run, warmup: warmup, repeats: repeats, profiler: profiler)
        var report = RunReport(
            run: run, profiler: profiler, model: preset.rawValue, weights: weightsDescription,
            randomWeights: randomWeights,
            image: .init(path: imagePath, width: imageWidth, height: imageHeight),
            labels: labels, topK: topK, warmupRuns: warmup, timedRuns: repeats,
            ceilings: MachineCeilings.measured(reading: run.network.largestDenseWeights))
        if let comparison {
            // B runs after A's timed runs and is not timed: the report's times are the first input's.
            let pair = ComparisonRun(first: run, secondInput: comparison.tensor)
            report.comparison = ComparisonReport(pair, input: comparison.input.argument, labels: labels, topK: topK)
        }
        return report.rendered(as: format)
    }
}
