import Engine
import Testing
@testable import Explorer

/// The action function alone: keys on a view state and a situation built by hand (no worker,
/// no queue), checked for the state and the effects they give.
@Suite struct UpdateTests {
    /// The test network with layers `0..<computed` published as computed, nothing running.
    static func situation(computed: Int = 1, activity: LayerWorker.Activity? = nil,
                          occlusion: OcclusionJob.Progress = .init(), weights: WeightsStatus = .init()) throws -> Situation {
        let run = ForwardRun(network: try TestNetwork.make(), input: TestNetwork.input())
        run.compute(through: computed - 1)
        let count = run.network.nodes.count
        var published = LayerWorker.Published(seconds: Array(repeating: nil, count: count),
                                              firstSeconds: Array(repeating: nil, count: count),
                                              statistics: Array(repeating: nil, count: count))
        published.computedCount = computed
        published.activity = activity
        for index in 0..<computed {
            published.statistics[index] = LayerStatistics(output: run.outputs[index], isLogits: false)
        }
        return Situation(run: run, context: TestNetwork.context, published: published,
                         receptiveFields: run.network.receptiveFields, keyMap: .standard, richestMode: .trueColor,
                         helpArea: Rect(x: 0, y: 0, width: 80, height: 23), occlusion: occlusion, weights: weights)
    }

    @Test func nextLayerSelectsItAndAsksForItsComputation() throws {
        let outcome = Update.key(.right, state: ViewState(), in: try Self.situation())
        #expect(outcome.result == .handled && outcome.state.layer == 1)
        #expect(outcome.effects == [.compute(through: 1)])
        let last = Update.key(.end, state: ViewState(), in: try Self.situation())
        #expect(last.state.layer == 5 && last.effects == [.compute(through: 5)])
    }

    @Test func keysThatChangeOnlyTheScreenAskForNoWork() throws {
        let situation = try Self.situation()
        for key in [Key.tab, .character("s"), .character("c"), .character("?"), .character("x"), .down] {
            let outcome = Update.key(key, state: ViewState(), in: situation)
            #expect(outcome.result == .handled && outcome.effects.isEmpty, "\(key)")
        }
    }

    @Test func exportKeysAskForTheirExport() throws {
        let situation = try Self.situation()
        #expect(Update.key(.character("e"), state: ViewState(), in: situation).effects == [.exportTensor])
        #expect(Update.key(.character("p"), state: ViewState(), in: situation).effects == [.exportPicture])
    }

    /// `o` starts occlusion; while it runs, `o` cancels it and says so.
    @Test func occlusionStartsThenCancels() throws {
        let start = Update.key(.character("o"), state: ViewState(), in: try Self.situation())
        #expect(start.effects == [.startOcclusion] && start.state.override == .occlusion)
        let running = try Self.situation(occlusion: OcclusionJob.Progress(done: 3, total: 9, running: true))
        let cancel = Update.key(.character("o"), state: start.state, in: running)
        #expect(cancel.effects == [.cancelOcclusion] && cancel.state.message == "occlusion cancelled")
    }

    /// `G` redraws random weights; weights from a file cannot be, and the status line says why.
    @Test func redrawingWeightsNeedsRandomWeights() throws {
        let fromFile = Update.key(.character("G"), state: ViewState(), in: try Self.situation())
        #expect(fromFile.effects.isEmpty && fromFile.state.message?.contains("--init applies to random weights") == true)
        let random = Update.key(.character("G"), state: ViewState(), in: try Self.situation(weights: WeightsStatus(canSwitch: true)))
        #expect(random.effects == [.redrawWeights] && random.state.override == .scales)
        // While the weights are drawn, keys that compute are ignored.
        let drawing = try Self.situation(weights: WeightsStatus(rebuilding: true, canSwitch: true))
        #expect(Update.key(.right, state: ViewState(), in: drawing).result == .ignored)
    }

    /// `r` in the timing view re-runs the network, but not while a re-run is under way.
    @Test func rerunIsIgnoredWhileOneRuns() throws {
        var timing = ViewState()
        timing.override = .timing
        #expect(Update.key(.character("r"), state: timing, in: try Self.situation()).effects == [.rerunTiming])
        let rerunning = try Self.situation(activity: .profiling(runs: 5))
        #expect(Update.key(.character("r"), state: timing, in: rerunning).result == .ignored)
    }
}
