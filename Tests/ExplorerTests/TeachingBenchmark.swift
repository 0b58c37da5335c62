import Dispatch
import Engine
import Foundation
import Testing
@testable import Explorer

/// Not a test: redraw times of the teaching views at 200x60 on both presets (random weights,
/// the chelsea sample), and the one-off cost of computing a layer's values before its
/// activation. `EXPLORER_BENCHMARK=1 swift test --filter TeachingBenchmark`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["EXPLORER_BENCHMARK"] == "1"))
struct TeachingBenchmark {
    static func medianMilliseconds(_ body: () -> Void) -> Double {
        var times: [Double] = []
        for _ in 0..<20 {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[times.count / 2]
    }

    @Test(arguments: Preset.allCases)
    func teachingViewsRedrawAt200x60(preset: Preset) throws {
        let (app, run) = try sampleExplorer(preset)
        app.press(.end, .home, .character("x"))
        for index in run.network.nodes.indices {
            let name = run.network.nodes[index].layer.name
            func report(_ what: String) {
                let ms = Self.medianMilliseconds { _ = app.render(width: 200, height: 60) }
                print(String(format: "%@ %-8@ %-22@ redraw median %.3f ms", preset.rawValue, name, what, ms))
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
        app.press(.character("g")); print(String(format: "%@ scales view redraw median %.3f ms", preset.rawValue,
                                                 Self.medianMilliseconds { _ = app.render(width: 200, height: 60) }))
        let start = DispatchTime.now().uptimeNanoseconds
        app.press(.character("o"))
        print(String(format: "%@ occlusion (%d forward passes): %.2f s", preset.rawValue,
                     app.occlusion.progress.total, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        print(String(format: "%@ occlusion view redraw median %.3f ms", preset.rawValue,
                     Self.medianMilliseconds { _ = app.render(width: 200, height: 60) }))
    }
}
