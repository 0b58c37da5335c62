import Engine
import Testing
@testable import Explorer

/// The second input in the explorer, on the network of real engine layers: each compared view
/// against committed snapshots, the key that cycles the comparison, and what B computes.
@Suite struct ComparisonViewTests {
    /// The explorer with `flip` shown beside the input (the first of the standard choices).
    private func app(_ mode: ColorMode = .trueColor) throws -> ExplorerApp {
        let app = try TestNetwork.app(colorMode: mode, usingOps: true)
        app.allowComparison(ComparisonChoices(given: nil, givenTensor: nil, preprocessing: .seed, seed: 0), showing: 0)
        app.waitUntilIdle()
        return app
    }

    static let scenes: [(name: String, keys: [Key])] = [
        ("compare-map", []),                  // conv1
        ("compare-grid", [.tab]),
        ("compare-vector", [.end, .left]),    // fc1
        ("compare-topk", [.end]),             // fc2: both top-K lists
    ]

    @Test(arguments: scenes.map(\.name))
    func comparedViewMatchesSnapshotInColourAndASCII(scene: String) throws {
        let keys = Self.scenes.first { $0.name == scene }!.keys
        for mode in [ColorMode.trueColor, .ascii] {
            let app = try app(mode)
            for key in keys { app.press(key) }
            for (width, height) in ExplorerSnapshotTests.sizes {
                let colour = mode == .ascii ? "ascii" : "color"
                assertSnapshot(app.render(width: width, height: height), named: "\(scene)-\(width)x\(height)-\(colour)",
                               includeStyles: mode != .ascii)
            }
        }
    }

    /// B is the input mirrored, run through the same layers: its outputs are what a run on the
    /// mirrored input gives, and the strip's numbers are those of the engine's comparison.
    @Test func secondRunIsTheFlippedInputsAndTheStripShowsItsSimilarity() throws {
        let app = try app()
        app.press(.end)
        let frame = app.frame
        let comparison = try #require(frame.comparison)
        let run = app.worker.run
        let mirrored = Tensor(zeros: run.input.shape)
        InputTransform.flip.apply(to: run.input, into: mirrored, preprocessing: .seed, seed: 0)
        let alone = ForwardRun(network: run.network, input: mirrored)
        alone.runToEnd()
        #expect(comparison.published.computedCount == run.network.nodes.count)
        for index in run.network.nodes.indices {
            #expect(comparison.second.outputs[index].toArray() == alone.outputs[index].toArray())
            #expect(comparison.similarity(index) == ActivationComparison(run.outputs[index], alone.outputs[index]))
        }
        let last = run.network.nodes.count - 1
        let screen = app.render(width: 160, height: 48).lines.joined(separator: "\n")
        let similarity = ComparisonStripView.format(comparison.similarity(last)!.cosineSimilarity)
        #expect(screen.contains("B = flip  fc2: similarity \(similarity)"))
    }

    @Test func theKeyCyclesThroughTheChoicesThenOff() throws {
        let app = try app()
        #expect(app.frame.comparison?.input == .transform(.flip))
        app.press(.character("d"))
        #expect(app.frame.comparison?.input == .transform(.shift(dx: 4, dy: 4)))
        for _ in 0..<ComparisonChoices.standard.count - 1 { app.press(.character("d")) }
        #expect(app.frame.comparison == nil)
        #expect(!app.render(width: 80, height: 24).lines.joined().contains("B = "))
        app.press(.character("d"))
        #expect(app.frame.comparison?.input == .transform(.flip))
    }

    /// `G` with a comparison shown: B's run lets the old weights go with A's, before the new
    /// ones are drawn, and a new B follows the new run.
    @Test func redrawingTheWeightsReleasesAndRebuildsTheSecondRun() throws {
        let app = try app()
        app.press(.right)
        let conv1 = InitSwitchTests.WeakLayer(app.network.nodes[0].layer)
        let released = Locked<[Bool]>([])
        app.allowInitSwitching(from: .presetDefault, rebuild: InitSwitchTests.rebuild(noting: conv1, into: released))
        app.press(.character("G"))
        #expect(released.withLock { $0 } == [true])
        let comparison = try #require(app.frame.comparison)
        #expect(comparison.second.network.nodes[0].layer === app.network.nodes[0].layer)
        #expect(comparison.published.computedCount == app.worker.published.computedCount)
        #expect(comparison.similarity(1) == ActivationComparison(app.worker.run.outputs[1], comparison.second.outputs[1]))
    }

    /// `--compare FILE` comes first in the cycle, and the standard transforms after it.
    @Test func theGivenComparisonComesFirst() {
        let choices = ComparisonChoices(given: .transform(.noise(sigma: 0.05)), givenTensor: nil, preprocessing: .seed, seed: 0)
        #expect(choices.inputs.first == .transform(.noise(sigma: 0.05)))
        #expect(choices.inputs.count == ComparisonChoices.standard.count)   // not listed twice
    }
}
