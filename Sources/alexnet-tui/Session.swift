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
    let image: NetpbmImage
    let labels: [String]
    let topK: Int
    let run: ForwardRun

    static func load(model: ModelOptions, input: InputOptions) throws -> Session {
        let labelsOverride = try input.labels.map(readLabels)
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
            network = try model.model.makeNetwork(weights: model.weightsChoice, initScheme: model.initScheme)
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
        let tensor = model.model.preprocessing.tensor(from: image)
        return Session(preset: model.model, weightsDescription: model.weightsDescription,
                       imagePath: input.image, image: image,
                       labels: labelsOverride ?? network.labels, topK: min(input.top, classes),
                       run: ForwardRun(network: network, input: tensor))
    }

    /// One label per line; a final line break does not start another label.
    static func readLabels(path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure(message: "\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw CommandFailure(message: "\(path): is a directory, not a labels file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(message: "\(path): cannot read the labels file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure(message: "\(path): labels file is not UTF-8 text")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if lines.last == "" { lines.removeLast() }
        return lines
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
            image: .init(path: imagePath, width: image.width, height: image.height),
            labels: labels, topK: topK, warmupRuns: options.repeatCount == nil ? 0 : 1, timedRuns: repeats)
        return report.rendered(as: format)
    }
}
