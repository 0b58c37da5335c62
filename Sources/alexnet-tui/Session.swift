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
    let image: NetpbmImage
    let labels: [String]
    let topK: Int
    let run: ForwardRun

    static func load(model: ModelOptions, input: InputOptions) throws -> Session {
        let preset = model.model
        let labelsOverride = try input.labels.map(readLabels)
        if let labelsOverride, let path = input.labels, labelsOverride.count != preset.labels.count {
            throw CommandFailure(message: "\(path): \(labelsOverride.count) labels, but model "
                + "\(preset.rawValue) has \(preset.labels.count) classes (one label per line)")
        }
        let image: NetpbmImage
        do {
            image = try NetpbmReader.read(path: input.image)
        } catch let error as InputError {
            throw CommandFailure(message: error.description)
        } catch {
            throw CommandFailure(message: "\(input.image): \(error)")
        }
        let network: Network
        do {
            network = try preset.makeNetwork(weights: model.weightsChoice, initScheme: model.initScheme)
        } catch let error as WeightsError {
            throw CommandFailure(message: error.description)
        } catch {
            throw CommandFailure(message: "\(model.weights ?? "model \(preset.rawValue)"): \(error)")
        }
        let tensor = preset.preprocessing.tensor(from: image)
        let labels = labelsOverride ?? network.labels
        return Session(preset: preset, weightsDescription: model.weightsDescription,
                       imagePath: input.image, image: image,
                       labels: labels, topK: min(input.top, labels.count),
                       run: ForwardRun(network: network, input: tensor))
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
        // Without --repeat, the one run is timed as it is, cold; the report says so.
        let warmup = options.repeatCount == nil ? 0 : 1
        let repeats = options.repeatCount ?? 1
        profile(run, warmup: warmup, repeats: repeats, profiler: profiler)
        let report = RunReport(
            run: run, profiler: profiler, model: preset.rawValue, weights: weightsDescription,
            image: .init(path: imagePath, width: image.width, height: image.height),
            labels: labels, topK: topK, warmupRuns: warmup, timedRuns: repeats)
        return report.rendered(as: format)
    }
}
