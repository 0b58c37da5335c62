import Engine
import Foundation
import Testing
@testable import Explorer

/// Not a test: time to render each view of AlexNet-sized layers at 200x60 (the redraw
/// budget is a 5 ms median). Run with
/// `EXPLORER_BENCHMARK=1 swift test -c release -Xswiftc -enable-testing --filter RenderBenchmark`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["EXPLORER_BENCHMARK"] == "1"))
struct RenderBenchmark {
    /// Layers with AlexNet's (seed's) output shapes and cheap made-up values.
    static func alexNetShapedNetwork() throws -> Network {
        let shapes: [(String, LayerKind, Shape)] = [
            ("conv1", .conv2d, Shape(55, 55, 96)), ("lrn1", .localResponseNorm, Shape(55, 55, 96)),
            ("pool1", .maxPool2d, Shape(27, 27, 96)), ("conv2", .conv2d, Shape(27, 27, 256)),
            ("lrn2", .localResponseNorm, Shape(27, 27, 256)), ("pool2", .maxPool2d, Shape(13, 13, 256)),
            ("conv3", .conv2d, Shape(13, 13, 384)), ("conv4", .conv2d, Shape(13, 13, 384)),
            ("conv5", .conv2d, Shape(13, 13, 256)), ("pool5", .maxPool2d, Shape(6, 6, 256)),
            ("flatten", .flatten, Shape(9216)), ("fc6", .dense, Shape(4096)), ("fc7", .dense, Shape(4096)),
            ("fc8", .dense, Shape(1000)),
        ]
        let layers = shapes.map { name, kind, shape in
            PatternLayer(name, kind, "\(kind)", output: shape) { i in Float((i &* 2_654_435_761) % 1000) / 100 - 2 }
        }
        return try Network(name: "alexnet-shaped", inputShape: Shape(224, 224, 3), layers: layers,
                           sources: ["pool5": "conv4"], labels: (0..<1000).map { "class \($0)" })
    }

    @Test func redrawTimesAt200x60() throws {
        let network = try Self.alexNetShapedNetwork()
        let input = Tensor(zeros: Shape(224, 224, 3))
        for mode in [ColorMode.trueColor, .ascii] {
            let app = ExplorerApp(run: ForwardRun(network: network, input: input), context: TestNetwork.context,
                                  colorMode: mode)
            app.press(.end, .home)
            let scenes: [(String, [Key])] = [
                ("conv1 map", []), ("conv1 grid", [.tab]), ("conv2 grid (256)", [.right, .right, .right]),
                ("conv3 grid (384)", [.right, .right, .right]), ("fc6 vector", [.end, .left, .left]),
                ("fc8 top-K", [.end]), ("input", [.character("i")]), ("timing", [.character("t")]),
            ]
            for (name, keys) in scenes {
                app.press(keys)
                var times: [Double] = []
                for _ in 0..<50 {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = app.render(width: 200, height: 60)
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
                times.sort()
                print(String(format: "render 200x60 %@ %-18@ median %.3f ms  max %.3f ms", mode.rawValue, name,
                             times[times.count / 2], times.last!))
            }
        }
    }
}

extension RenderBenchmark {
    /// Both presets, random weights, on the chelsea sample: redraw times per view at 200x60 with
    /// real activations, and each screen written to `$EXPLORER_SCREENS` (a directory) if set.
    @Test(arguments: Preset.allCases)
    func presetRedrawTimesAt200x60(preset: Preset) throws {
        let (app, run) = try sampleExplorer(preset)
        app.press(.end, .home)
        let directory = ProcessInfo.processInfo.environment["EXPLORER_SCREENS"]
        var step = 0
        for layer in run.network.nodes.indices {
            for view in app.situation.availableViews(for: layer) where view != .timing || layer == run.network.nodes.count - 1 {
                while app.currentView != view { app.press(.tab) }
                var times: [Double] = []
                var buffer = ScreenBuffer(width: 0, height: 0)
                for _ in 0..<20 {
                    let start = DispatchTime.now().uptimeNanoseconds
                    buffer = app.render(width: 200, height: 60)
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
                times.sort()
                print(String(format: "%@ render 200x60 %-10@ %-7@ median %.3f ms", preset.rawValue,
                             run.network.nodes[layer].layer.name, view.rawValue, times[times.count / 2]))
                if let directory {
                    let small = app.render(width: 80, height: 24)
                    let text = snapshotText(small, includeStyles: false) + snapshotText(buffer, includeStyles: false)
                    try text.write(toFile: "\(directory)/\(preset.rawValue)-\(step)-\(view.rawValue).txt",
                                   atomically: true, encoding: .utf8)
                }
                step += 1
            }
            app.press(.right)
        }
    }
}

extension ExplorerApp {
    func press(_ keys: [Key]) { for key in keys { press(key) } }
}
