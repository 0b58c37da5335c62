import Engine
import Foundation
import Testing
@testable import Explorer

/// The arithmetic view (`a`) beyond conv layers: a dense neuron's sum with the map positions of
/// its inputs, a max-pool window and its winner, an LRN formula, and a line for the rest.
@Suite struct ArithmeticViewTests {
    /// An explorer on a preset at reduced widths (fast, small), random weights (seed 42), the
    /// chelsea sample, a scheduled clock: screens are deterministic.
    static func presetApp(_ preset: Preset, colorMode: ColorMode) throws -> ExplorerApp {
        let widths = Preset.Widths(conv1: 8, conv2: 16, conv3: 8, conv4: 8, conv5: 8, fc6: 16, fc7: 16, classes: 17)
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../samples/chelsea.ppm").standardized.path
        let image = try NetpbmReader.read(path: samples)
        let run = ForwardRun(network: try preset.build(weights: .random(seed: 42), widths: widths).network,
                             input: preset.preprocessing.tensor(from: image))
        let context = ExplorerContext(modelName: preset.rawValue, weightsDescription: "random init, seed 42",
                                      imagePath: "samples/chelsea.ppm", imageWidth: image.width, imageHeight: image.height,
                                      labels: preset.labels)
        let app = ExplorerApp(run: run, context: context, colorMode: colorMode, clock: ScheduledClock())
        app.waitUntilIdle()
        return app
    }

    /// Steps right until `name` is the current layer.
    static func step(_ app: ExplorerApp, to name: String) throws {
        let index = try #require(app.network.index(of: name))
        while app.state.layer < index { app.press(.right) }
    }

    /// The arithmetic view of layer `name` of `preset` in ASCII at 160x48: the app and its screen.
    static func arithmetic(_ preset: Preset, at name: String) throws -> (app: ExplorerApp, screen: String) {
        let app = try presetApp(preset, colorMode: .ascii)
        try step(app, to: name)
        app.press(.character("a"))
        return (app, app.render(width: 160, height: 48).lines.joined(separator: "\n"))
    }

    @Test(arguments: [Preset.seed, .alexnet])
    func fc6MatchesSnapshot(preset: Preset) throws {
        for mode in [ColorMode.trueColor, .ascii] {
            let app = try Self.presetApp(preset, colorMode: mode)
            try Self.step(app, to: "fc6")
            app.press(.character("a"))
            for (width, height) in ExplorerSnapshotTests.sizes {
                assertSnapshot(app.render(width: width, height: height),
                               named: "arithmetic-fc6-\(preset.rawValue)-\(width)x\(height)-\(mode == .ascii ? "ascii" : "color")",
                               includeStyles: mode != .ascii)
            }
        }
    }

    /// fc6 names the map its inputs were flattened from (seed: norm5 HWC; alexnet: avgpool CHW,
    /// through drop6), starts on the strongest neuron, lists positive then negative products,
    /// and its total agrees with the engine; ↓ picks the next neuron.
    @Test(arguments: [Preset.seed, .alexnet])
    func fc6SumNamesTheFlattenedMap(preset: Preset) throws {
        let app = try Self.presetApp(preset, colorMode: .ascii)
        try Self.step(app, to: "fc6")
        app.press(.character("a"))
        let index = app.state.layer
        let output = app.worker.run.outputs[index].toArray()
        let strongest = try #require(output.indices.max { output[$0] < output[$1] })
        #expect(app.situation.selectedNeuron(of: index, in: app.state) == strongest)
        var screen = app.render(width: 160, height: 48).lines
        let origin = preset == .seed ? "x[i] * W[i, \(strongest)], x = norm5 7x7x8 flattened HWC"
                                     : "x[i] * W[i, \(strongest)], x = avgpool 6x6x8 flattened CHW (via drop6)"
        #expect(screen.contains { $0.contains("fc6 neuron \(strongest) of 16: bias ") })
        #expect(screen.contains { $0.hasSuffix(origin) || $0.contains(origin + " ") }, "\(screen.joined(separator: "\n"))")
        #expect(screen.contains { $0.contains("the engine gives") } && !screen.contains { $0.contains("differs") })
        // Products are listed positive first, then negative, each by size.
        let products = screen.filter { $0.contains("|   + ") && !$0.contains("other") }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
        let split = products.firstIndex { $0 < 0 } ?? products.count
        #expect(split > 0 && split < products.count, "both signs shown: \(products)")
        #expect(Array(products[..<split]) == products[..<split].sorted(by: >))
        #expect(Array(products[split...]) == products[split...].sorted() && products[split...].allSatisfy { $0 < 0 })
        app.press(.down)
        #expect(app.situation.selectedNeuron(of: index, in: app.state) == min(strongest + 1, 15))
        screen = app.render(width: 160, height: 48).lines
        #expect(screen.contains { $0.contains("fc6 neuron \(min(strongest + 1, 15)) of 16") })
        #expect(app.state.channel == 0 && app.state.layer == index, "↓ chose a neuron, not a channel or layer")
    }

    /// pool1 of the engine-layer test network (2x2/2 VALID): the window of the cursor cell, its
    /// winner, and the value the map shows.
    @Test func maxPoolShowsTheWindowAndItsWinner() throws {
        let app = try TestNetwork.app(colorMode: .ascii, usingOps: true)
        app.press(.right, .character("a"))
        let cell = try #require(app.situation.cursorCell(for: 1, in: app.state))
        let pool = try #require(app.network.nodes[1].layer as? MaxPool2D)
        let winner = try pool.winner(input: app.worker.run.outputs[0], y: cell.y, x: cell.x, channel: 0)
        let screen = app.render(width: 120, height: 40).lines.joined(separator: "\n")
        #expect(screen.contains("pool1 ch 0 at y \(cell.y), x \(cell.x): max of 2x2/2 VALID window"))
        #expect(screen.contains("of conv1 y \(2 * cell.y)...\(2 * cell.y + 1), x \(2 * cell.x)...\(2 * cell.x + 1), ch 0"))
        #expect(screen.contains("[\(ArithmeticView.compactNumber(Double(winner.value)))]"))
        #expect(screen.contains("from y \(winner.winner.y), x \(winner.winner.x) | the map shows"))
        #expect(!screen.contains("differs"))
    }

    /// seed's norm1 (TF LRN, radius 5, bias 1, alpha 1, beta 0.5): the formula with its numbers.
    @Test func responseNormalizationShowsTheFormulaWithNumbers() throws {
        let screen = try Self.arithmetic(.seed, at: "norm1").screen
        #expect(screen.contains("norm1 ch 0 at y 14, x 14: LRN across channels of pool1"))
        #expect(screen.contains("x / (bias + alpha * sum x^2)^beta, sum x^2 over ch 0...5"))
        #expect(screen.contains(" / (1 + 1 * "))
        #expect(screen.contains("the map shows") && !screen.contains("differs"))
    }

    /// Weights, inputs and products are columns of 10 with a space before every number, even
    /// a small negative one whose four digits take ten characters (`-0.0003887`).
    @Test func numberColumnsKeepASpaceBetween() {
        for (value, shown) in [(-0.00038871, " -0.000389"), (-1.23456e-5, " -1.23e-05"), (0.02570, "    0.0257"),
                               (-123456.7, " -1.23e+05"), (0.1234, "    0.1234"), (0, "         0")] {
            #expect(ArithmeticView.column(value) == shown, "\(value)")
        }
    }

    /// Layers with nothing to add up say what they do instead.
    @Test func otherLayersExplainWhatTheyCompute() throws {
        let (app, first) = try Self.arithmetic(.alexnet, at: "avgpool")
        var screen = first
        #expect(screen.contains("avgpool: each output cell is the mean of its window of the input (already 6x6"))
        app.press(.character("l"))   // with the cell cursor on, → moves the cursor
        screen = app.render(width: 160, height: 48).lines.joined(separator: "\n")
        #expect(screen.contains("flatten moves values, computes nothing: output i = input (y, x, ch) with i = (ch * 6 + y) * 6 + x"))
        app.press(.character("l"))
        screen = app.render(width: 160, height: 48).lines.joined(separator: "\n")
        #expect(screen.contains("drop6: the identity at inference (each output equals its input)"))
    }
}
