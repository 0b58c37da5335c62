import Dispatch
import Engine
import Testing
@testable import Explorer
import TestSupport

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
        #expect(app.weights.scheme == .truncatedNormal)
        #expect(app.context.weightsDescription == "random init, seed 7, truncated-normal-0.1")
        #expect(app.worker.published.computedCount == 3, "recomputes the layers that were computed")
        #expect(app.worker.published.statistics[0]?.overall.std != before)
        #expect(app.changeCount > changes)
        #expect(app.currentView == .scales)
        let screen = app.render(width: 120, height: 40).lines.joined(separator: "\n")
        #expect(screen.contains("init: truncated normal 0.1"))
        #expect(screen.contains("weights redrawn"))
        // The stds under the scheme before stay beside the new ones.
        #expect(app.weights.earlier.map(\.scheme) == [.presetDefault])
        let conv1 = try #require(screen.split(separator: "\n").first { $0.contains("conv1 ") && $0.contains("█") })
        #expect(conv1.split(separator: " ").last.map(String.init) == Format.value(before ?? 0))
        #expect(screen.contains("now") && screen.contains("  default"))
    }

    /// A layer of the network in use, watched without keeping it alive.
    // Unchecked: `layer` is set once in `init`; afterwards it is only loaded (weak loads are atomic).
    final class WeakLayer: @unchecked Sendable {
        weak var layer: (any Layer)?
        init(_ layer: any Layer) { self.layer = layer }
    }

    /// A stand-in rebuild: a fresh engine-layer network (new weights) on the same input, after
    /// noting whether `old` was already gone; waits for `proceed` first when given.
    static func rebuild(noting old: WeakLayer, into released: Locked<[Bool]>,
                        after proceed: DispatchSemaphore? = nil) -> ExplorerApp.Rebuild {
        { scheme in
            proceed?.wait()
            released.withLock { $0.append(old.layer == nil) }
            return (ForwardRun(network: try TestNetwork.makeWithOps(), input: TestNetwork.input(height: 12, width: 16)),
                    "random init, seed 7, \(scheme.rawValue)")
        }
    }

    /// The old network (its layers and weights) is gone before the new weights are drawn, so a
    /// switch holds one model's weights at a time.
    @Test func oldWeightsAreReleasedBeforeNewOnesAreDrawn() throws {
        let app = try TestNetwork.app(usingOps: true)
        let conv1 = WeakLayer(app.network.nodes[0].layer)
        let released = Locked<[Bool]>([])
        app.allowInitSwitching(from: .presetDefault, rebuild: Self.rebuild(noting: conv1, into: released))
        app.press(.character("l"), .character("G"))
        #expect(released.withLock { $0 } == [true])
        #expect(app.worker.published.computedCount == 2, "recomputes what was computed")
        // A second switch lets the first rebuild's network go too.
        let second = WeakLayer(app.network.nodes[0].layer)
        app.allowInitSwitching(from: app.weights.scheme, rebuild: Self.rebuild(noting: second, into: released))
        app.press(.character("G"))
        #expect(released.withLock { $0 } == [true, true])
    }

    /// Weights of the old network still being drawn in the background hold its memory: `G` waits
    /// for them before the new weights are drawn, so that a switch right after launch still holds
    /// one model's weights at a time. (fc1's draw here finishes 100 ms after `G`.)
    @Test func oldWeightsStillBeingDrawnAreWaitedForBeforeNewOnesAreDrawn() throws {
        let gate = QueueGate()
        let oldDrawn = Locked(false)
        let network = try FiltersViewTests.network(drawingBehind: gate.queue) { oldDrawn.withLock { $0 = true } }
        let app = ExplorerApp(run: ForwardRun(network: network, input: TestNetwork.input(height: 8, width: 8)),
                              context: TestNetwork.context, colorMode: .ascii, clock: ScheduledClock(),
                              ceilings: TestNetwork.ceilings)
        app.waitUntilIdle()
        let drawnAtRebuild = Locked<[Bool]>([])
        app.allowInitSwitching(from: .presetDefault) { scheme in
            drawnAtRebuild.withLock { $0.append(oldDrawn.withLock { $0 }) }
            return (ForwardRun(network: try TestNetwork.makeWithOps(), input: TestNetwork.input(height: 12, width: 16)),
                    "random init, seed 7, \(scheme.rawValue)")
        }
        gate.open(after: 100)
        _ = app.handle(.character("G"))
        app.waitUntilIdle()
        #expect(drawnAtRebuild.withLock { $0 } == [true])
    }

    /// While the weights are drawn the screen shows the layers (none computed) and says so;
    /// keys that would compute are ignored until the new run is in.
    @Test func screenSaysInitialisingWhileTheWeightsAreDrawn() throws {
        let app = try TestNetwork.app(colorMode: .ascii, usingOps: true)
        let proceed = DispatchSemaphore(value: 0)
        let conv1 = WeakLayer(app.network.nodes[0].layer)
        let released = Locked<[Bool]>([])
        app.allowInitSwitching(from: .presetDefault, rebuild: Self.rebuild(noting: conv1, into: released, after: proceed))
        #expect(app.handle(.character("G")) == .handled)
        #expect(app.weights.rebuilding && app.network.nodes.allSatisfy { $0.layer is LayerOutline })
        let screen = app.render(width: 120, height: 40).lines.joined(separator: "\n")
        #expect(screen.contains("init: truncated normal 0.1 | initialising..."))
        #expect(screen.contains("initialising... old weights released, drawing new ones"))
        #expect(screen.contains("0/6 computed") && screen.contains("conv1") && screen.contains("fc2"))
        #expect(app.handle(.character("l")) == .ignored && app.state.layer == 0)
        #expect(app.handle(.character("G")) == .ignored)
        proceed.signal()
        app.waitUntilIdle()
        #expect(!app.weights.rebuilding && app.worker.published.computedCount == 1)
        #expect(app.render(width: 120, height: 40).lines.joined(separator: "\n").contains("weights redrawn"))
        #expect(released.withLock { $0 } == [true])
    }

    /// `G` while a layer is being computed and occlusion runs: both stop (the layer in flight
    /// finishes, occlusion is cancelled) before the old network is let go; nothing is left of
    /// the occlusion result, and the new run computes what was asked for.
    @Test func switchingStopsComputationAndOcclusionInFlight() throws {
        let gate = DispatchSemaphore(value: 0)
        let app = try TestNetwork.app(colorMode: .ascii, gate: gate)   // pool1 waits for the gate
        let pool1 = WeakLayer(app.network.nodes[1].layer)
        let released = Locked<[Bool]>([])
        app.allowInitSwitching(from: .presetDefault, rebuild: Self.rebuild(noting: pool1, into: released))
        #expect(app.handle(.character("l")) == .handled)   // the worker waits inside pool1
        #expect(app.handle(.character("o")) == .handled)   // so does the occlusion's first pass
        #expect(app.occlusion.progress.running)
        #expect(app.handle(.character("G")) == .handled)
        for _ in 0..<4 { gate.signal() }
        app.waitUntilIdle()
        #expect(released.withLock { $0 } == [true])
        #expect(!app.occlusion.progress.running && app.occlusion.progress.result == nil)
        #expect(app.worker.published.computedCount == 2 && app.network.nodes[1].layer is MaxPool2D)
    }

    /// When the scheme asked for cannot be drawn, the one before is drawn again and the status
    /// line says so.
    @Test func failedSwitchFallsBackToThePreviousScheme() throws {
        struct Refused: Error, CustomStringConvertible { var description: String { "refused" } }
        let app = try TestNetwork.app(usingOps: true)
        app.allowInitSwitching(from: .presetDefault) { scheme in
            guard scheme == .presetDefault else { throw Refused() }
            return (ForwardRun(network: try TestNetwork.makeWithOps(), input: TestNetwork.input(height: 12, width: 16)),
                    "random init, seed 7")
        }
        app.press(.character("G"))
        #expect(app.weights.scheme == .presetDefault && !app.weights.rebuilding)
        #expect(app.state.message == "could not draw truncated normal 0.1 weights; back to the preset's own")
        #expect(app.worker.published.computedCount == 1)
    }

    /// When neither scheme can be drawn there are no weights left: the scales view says why, and
    /// nothing is computed (only quitting, help and the display modes answer).
    @Test func failedSwitchWithoutFallbackSaysWhyAndComputesNothing() throws {
        struct Refused: Error, CustomStringConvertible { var description: String { "refused" } }
        let app = try TestNetwork.app(colorMode: .ascii, usingOps: true)
        app.allowInitSwitching(from: .presetDefault) { _ in throw Refused() }
        app.press(.character("G"))
        #expect(app.weights.rebuilding && app.weights.failure == "could not redraw the weights: refused")
        #expect(app.render(width: 120, height: 40).lines.joined(separator: "\n").contains("could not redraw the weights: refused"))
        #expect(app.handle(.character("l")) == .ignored && app.handle(.character("c")) == .handled)
        #expect(app.worker.published.computedCount == 0)
    }

    @Test func fileWeightsCannotBeRedrawn() throws {
        let app = try TestNetwork.app(usingOps: true)
        app.press(.character("G"))
        #expect(app.state.message?.contains("--init applies to random weights") == true)
        // The title says where the weights come from, not an init scheme they were never drawn by.
        app.press(.character("g"))
        let screen = app.render(width: 120, height: 40).lines.joined(separator: "\n")
        #expect(screen.contains("weights from a file"))
        #expect(!screen.contains("init: "))
    }

    /// Decade labels start at their columns (the last ends at the edge) and never run together:
    /// on a narrow chart those in between give way to the ends.
    @Test func tickLabelsKeepASpaceBetween() {
        // Width 10: decades at columns 0, 3, 6 and 9; "1" at 3 would touch "1e-1", "1e1" at 6
        // the "1e2" pulled back to 7.
        #expect(ScalesView.ticks((-1, 2), width: 10).map { "\($0.label)@\($0.start)" } == ["1e-1@0", "1e2@7"])
        // Width 40: columns 0, 13, 26 and 39 (pulled back to 37): all fit.
        #expect(ScalesView.ticks((-1, 2), width: 40).map { "\($0.label)@\($0.start)" }
                == ["1e-1@0", "1@13", "1e1@26", "1e2@37"])
        #expect(ScalesView.ticks((0, 1), width: 3).map(\.label) == ["1"], "1e1 does not fit beside it")
    }
}
