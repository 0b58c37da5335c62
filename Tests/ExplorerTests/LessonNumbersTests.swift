import Foundation
import Testing
import Engine
import TestSupport
@testable import Explorer

/// Placeholders filled from a real run (seed's architecture at reduced widths), each checked
/// against a number worked out here from the architecture or the raw output.
@Suite struct LessonNumbersTests {
    static func frame(through last: Int? = nil) throws -> Frame {
        let network = try Preset.seed.build(weights: .random(seed: 1), widths: LessonParserTests.reduced(.seed)).network
        let run = ForwardRun(network: network, input: randomTensor(Preset.inputShape, seed: 2, in: 0...1))
        let worker = LayerWorker(run: run, clock: ScheduledClock())
        worker.request(through: last ?? network.nodes.count - 1)
        worker.waitUntilIdle()
        let context = ExplorerContext(modelName: "seed", weightsDescription: "random init, seed 1", imagePath: "x.ppm",
                                      imageWidth: 224, imageHeight: 224, labels: Preset.seed.labels)
        var frame = Frame(run: run, context: context, published: worker.published, state: ViewState(), view: .map,
                          theme: Theme(mode: .trueColor))
        frame.receptiveFields = network.receptiveFields
        return frame
    }

    func value(_ numbers: LessonNumbers, _ subject: LessonPlaceholder.Subject, _ property: LessonPlaceholder.Property) -> String? {
        numbers.text(for: LessonPlaceholder(subject, property))
    }

    @Test func geometryComesFromTheArchitecture() throws {
        let numbers = LessonNumbers(frame: try Self.frame())
        let expected: [(String, LessonPlaceholder.Property, String)] = [
            ("conv1", .count, "25,088"),      // 56 * 56 * 8
            ("conv1", .fanIn, "363"),         // 11 * 11 * 3
            ("conv1", .kernel, "11x11"), ("conv1", .stride, "4"), ("conv1", .padding, "SAME"), ("conv1", .filters, "8"),
            ("conv1", .input, "224x224x3"), ("conv1", .shape, "56x56x8"), ("conv1", .height, "56"), ("conv1", .channels, "8"),
            ("conv1", .field, "11x11"), ("conv1", .jump, "4"),
            ("pool1", .kernel, "3x3"), ("pool1", .stride, "2"), ("pool1", .params, "0"),
            // conv2 sees 11 + 2 * 4 (pool1) + 4 * 8 (its 5x5 over cells 8 pixels apart) pixels.
            ("conv2", .field, "51x51"), ("conv2", .jump, "8"),
            ("norm1", .radius, "5"), ("norm1", .bias, "1"), ("norm1", .alpha, "1"), ("norm1", .beta, "0.5"),
            ("fc6", .inputs, "784"), ("fc6", .outputs, "32"),   // 7 * 7 * 16
            ("drop6", .rate, "0.5"),
        ]
        for (layer, property, text) in expected {
            #expect(value(numbers, .layer(layer), property) == text, "\(layer).\(property.rawValue)")
        }
        #expect(value(numbers, .model, .layers) == "17")
        #expect(value(numbers, .model, .classes) == "17")
        #expect(value(numbers, .model, .dropout) == "inference")
        #expect(value(numbers, .model, .weights) == "random init, seed 1")
    }

    @Test func statisticsAndClassesComeFromTheOutputs() throws {
        let frame = try Self.frame()
        let numbers = LessonNumbers(frame: frame)
        let conv1 = frame.run.outputs[0].toArray()
        let zeros = Double(conv1.filter { $0 == 0 }.count) / Double(conv1.count)
        #expect(value(numbers, .layer("conv1"), .zeros) == String(format: "%.1f%%", zeros * 100))
        #expect(value(numbers, .layer("conv1"), .max) == String(format: "%.3g", Double(conv1.max()!)))
        let fc6 = frame.run.outputs[frame.network.index(of: "fc6")!].toArray()
        let saturated = Double(fc6.filter { abs($0) > 0.99 }.count) / Double(fc6.count)
        #expect(value(numbers, .layer("fc6"), .saturated) == String(format: "%.1f%%", saturated * 100))
        // Softmax in float64 over fc8's logits.
        let logits = frame.run.outputs.last!.toArray().map(Double.init)
        let exps = logits.map { exp($0 - logits.max()!) }
        let order = logits.indices.sorted { logits[$0] > logits[$1] }
        for rank in 1...3 {
            #expect(value(numbers, .top(rank), .label) == Preset.seed.labels[order[rank - 1]])
            #expect(value(numbers, .top(rank), .p) == String(format: "%.1f%%", exps[order[rank - 1]] / exps.reduce(0, +) * 100))
        }
    }

    /// NaN logits: the top placeholders say there is no prediction instead of staying pending.
    @Test func nanLogitsGiveNoPredictionForTheTopClasses() throws {
        let app = try TestNetwork.app(logits: [Float](repeating: .nan, count: 10))
        app.press(.end)
        let numbers = LessonNumbers(frame: app.frame)
        #expect(value(numbers, .top(1), .label) == "no prediction")
        #expect(value(numbers, .top(2), .p) == "nan")
        #expect(value(numbers, .layer("fc2"), .mean) == "nan")
    }

    @Test func timesAreThePanelsAndTotalsWaitForTheWholeRun() throws {
        let complete = LessonNumbers(frame: try Self.frame())
        let seconds = complete.frame.published.seconds.map { $0! }
        let slowest = seconds.indices.max { seconds[$0] < seconds[$1] }!
        #expect(value(complete, .slowest, .name) == complete.frame.network.nodes[slowest].layer.name)
        #expect(value(complete, .slowest, .share) == String(format: "%.1f%%", seconds[slowest] / seconds.reduce(0, +) * 100))
        #expect(value(complete, .layer("conv2"), .time) == Format.milliseconds(seconds[3]))
        #expect(value(complete, .model, .time) == Format.milliseconds(seconds.reduce(0, +)))

        let partial = LessonNumbers(frame: try Self.frame(through: 2))
        #expect(value(partial, .layer("conv1"), .zeros) != nil)
        for placeholder in [LessonPlaceholder(.layer("conv2"), .zeros), .init(.layer("conv1"), .share), .init(.model, .time),
                            .init(.slowest, .name), .init(.top(1), .label)] {
            #expect(partial.text(for: placeholder) == nil, "\(placeholder) before its layer is computed")
        }
    }

    @Test func countsAreGroupedInThousands() {
        #expect(LessonNumbers.grouped(0) == "0")
        #expect(LessonNumbers.grouped(999) == "999")
        #expect(LessonNumbers.grouped(1000) == "1,000")
        #expect(LessonNumbers.grouped(301_056) == "301,056")
        #expect(LessonNumbers.grouped(-1_234_567) == "-1,234,567")
    }
}
