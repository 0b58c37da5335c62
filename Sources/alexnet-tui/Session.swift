import Engine
import Foundation
import Profiling

/// The model, weights, image and labels the options name, loaded and checked, ready to run.
///
/// The cheap checks come first (labels file, image), so that a bad image is reported at once
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
        let labelsOverride = try input.labels.map(readLabels)
        // The input is made before the weights, so that the decoded samples (two bytes each, 1.6 GB
        // for the largest image) are freed before the weights take their memory.
        let source = try readInput(path: input.image, preprocessing: model.model.preprocessing)
        let network: Network
        do {
            network = try model.model.makeNetwork(weights: model.weightsChoice)
        } catch let error as WeightsError {
            throw CommandFailure(message: error.description)
        } catch {
            throw CommandFailure(message: "\(model.weights ?? "model \(model.model.rawValue)"): \(error)")
        }
        let classes = network.nodes.last?.outputShape.count ?? 0
        if let labelsOverride, let path = input.labels, labelsOverride.count != classes {
            throw CommandFailure(message: "\(path): \(labelsOverride.count) labels, but model "
                + "\(model.model.rawValue) has \(classes) classes (one label per line)")
        }
        return Session(preset: model.model, weightsDescription: model.weightsDescription,
                       imagePath: input.image, imageWidth: source.width, imageHeight: source.height,
                       labels: labelsOverride ?? network.labels, topK: min(input.top, classes),
                       run: ForwardRun(network: network, input: source.tensor))
    }

    /// The network input made from the image at `path`, and the image's size; the decoded
    /// samples are gone when this returns.
    private static func readInput(path: String, preprocessing: Preprocessing) throws
        -> (tensor: Tensor, width: Int, height: Int) {
        let image: NetpbmImage
        do {
            image = try NetpbmReader.read(path: path)
        } catch let error as InputError {
            throw CommandFailure(message: error.description)
        } catch {
            throw CommandFailure(message: "\(path): \(error)")
        }
        return (preprocessing.tensor(from: image), image.width, image.height)
    }

    /// The labels file's class names (`LabelsFile` says the format).
    static func readLabels(path: String) throws -> [String] {
        do { return try LabelsFile.read(path: path) } catch let error as LabelsError {
            throw CommandFailure(message: error.description)
        }
    }

    /// Runs the network (once, or a warm-up then `--repeat` timed runs) and renders the report.
    func report(format: ReportFormat, options: ReportOptions) -> String {
        let profiler = LayerProfiler()
        let repeats = options.repeatCount ?? 1
        profiler.reserve(runs: repeats)
        if let repeatCount = options.repeatCount {
            run.runToEnd()
            profile(run, warmup: 0, repeats: repeatCount, profiler: profiler)
        } else {
            run.observer = profiler
            run.runToEnd()
            run.observer = nil
        }
        let report = RunReport(
            run: run, profiler: profiler, model: preset.rawValue, weights: weightsDescription,
            image: .init(path: imagePath, width: imageWidth, height: imageHeight),
            labels: labels, topK: topK, warmupRuns: options.repeatCount == nil ? 0 : 1, timedRuns: repeats)
        return report.rendered(as: format)
    }
}
