import Dispatch
import Engine
import Foundation
import Testing
@testable import Explorer

/// A benchmark, not a test: redraw times of the teaching views at 200x60 on both presets (random
/// weights, the chelsea sample), each marked against the redraw budget (`RedrawBudget`, 5 ms),
/// which nothing asserts; and the one-off cost of computing a layer's values before its
/// activation. `EXPLORER_BENCHMARK=1 swift test --filter TeachingBenchmark`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["EXPLORER_BENCHMARK"] == "1"))
struct TeachingBenchmark {
    @Test(arguments: Preset.allCases)
    func teachingViewsRedrawAt200x60(preset: Preset) throws {
        let (app, run) = try sampleExplorer(preset)
        app.press(.end, .home, .character("x"))
        for index in run.network.nodes.indices {
            let name = run.network.nodes[index].layer.name
            func report(_ what: String) {
                let ms = RedrawBudget.median { _ = app.render(width: 200, height: 60) }
                print(String(format: "%@ %-8@ %-22@ redraw median %.3f ms  %@", preset.rawValue, name, what, ms,
                             RedrawBudget.verdict(ms)))
            }
            if run.network.nodes[index].outputShape.isFeatureMap { report("map + cursor") }
            app.press(.character("a")); report("arithmetic"); app.press(.character("a"))
            if PreActivation.activation(of: run.network.nodes[index].layer) != nil {
                let start = DispatchTime.now().uptimeNanoseconds
                app.press(.character("b"))
                _ = app.render(width: 200, height: 60)
                let first = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                print(String(format: "%@ %-8@ before activation: computed off the UI thread in %.1f ms", preset.rawValue, name, first))
                report("before activation")
                app.press(.character("b"))
                app.press(.character("w")); report("filters"); app.press(.character("w"))
            }
            app.press(.character("l"))
        }
        app.press(.character("g"))
        let scales = RedrawBudget.median { _ = app.render(width: 200, height: 60) }
        print(String(format: "%@ scales view redraw median %.3f ms  %@", preset.rawValue, scales, RedrawBudget.verdict(scales)))
        let start = DispatchTime.now().uptimeNanoseconds
        app.press(.character("o"))
        print(String(format: "%@ occlusion (%d forward passes): %.2f s", preset.rawValue,
                     app.occlusion.progress.total, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        let occlusion = RedrawBudget.median { _ = app.render(width: 200, height: 60) }
        print(String(format: "%@ occlusion view redraw median %.3f ms  %@", preset.rawValue, occlusion,
                     RedrawBudget.verdict(occlusion)))
    }
}
