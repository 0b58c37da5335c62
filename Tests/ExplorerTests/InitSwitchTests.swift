import Engine
import Testing
@testable import Explorer

/// `g` shows each layer's activation std on a log scale; `G` redraws the weights under the next
/// scheme in the background and recomputes what was computed.
@Suite struct InitSwitchTests {
    @Test func decadesSpanTheValues() {
        #expect(ScalesView.decades(of: [0.05, 3, 0, .nan]) ?? (0, 0) == (-2, 1))
        #expect(ScalesView.decades(of: [1]) ?? (0, 0) == (0, 1))
        #expect(ScalesView.decades(of: [0]) == nil)
    }

    @Test func switchingRedrawsAndRecomputes() throws {
        let app = try TestNetwork.app(usingOps: true)
        let network = app.network
        app.allowInitSwitching(from: .presetDefault) { scheme in
            // A stand-in for redrawn weights: the same network on a brighter input.
            let input = TestNetwork.input(height: 12, width: 16)
            for i in 0..<input.count { input.data[i] *= 2 }
            return (ForwardRun(network: network, input: input), "random init, seed 7, \(scheme.rawValue)")
        }
        app.press(.character("l"), .character("l"))
        let before = app.worker.published.statistics[0]?.overall.std
        let changes = app.changeCount
        app.press(.character("G"))
        #expect(app.initScheme == .truncatedNormal)
        #expect(app.context.weightsDescription == "random init, seed 7, truncated-normal-0.1")
        #expect(app.worker.published.computedCount == 3, "recomputes the layers that were computed")
        #expect(app.worker.published.statistics[0]?.overall.std != before)
        #expect(app.changeCount > changes)
        #expect(app.currentView == .scales)
        let screen = app.render(width: 120, height: 40).lines.joined(separator: "\n")
        #expect(screen.contains("init: truncated normal 0.1"))
        #expect(screen.contains("weights redrawn"))
        // The stds under the scheme before stay beside the new ones.
        #expect(app.earlierSchemes.map(\.scheme) == [.presetDefault])
        let conv1 = try #require(screen.split(separator: "\n").first { $0.contains("conv1 ") && $0.contains("█") })
        #expect(conv1.split(separator: " ").last.map(String.init) == Format.value(before ?? 0))
        #expect(screen.contains("now") && screen.contains("  default"))
    }

    @Test func fileWeightsCannotBeRedrawn() throws {
        let app = try TestNetwork.app(usingOps: true)
        app.press(.character("G"))
        #expect(app.state.message?.contains("--init applies to random weights") == true)
    }
}
