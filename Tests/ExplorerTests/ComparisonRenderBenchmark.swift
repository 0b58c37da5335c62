import Engine
import Foundation
import Testing
@testable import Explorer

/// Not a test: time to render the compared views of AlexNet-sized layers at 200x60 against the
/// same views without a comparison, interleaved (the redraw budget is a 5 ms median). Run with
/// `EXPLORER_BENCHMARK=1 swift test --filter ComparisonRenderBenchmark`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["EXPLORER_BENCHMARK"] == "1"))
struct ComparisonRenderBenchmark {
    @Test func comparedRedrawTimesAt200x60() throws {
        let network = try RenderBenchmark.alexNetShapedNetwork()
        let input = Tensor(zeros: Shape(224, 224, 3))
        let plain = ExplorerApp(run: ForwardRun(network: network, input: input), context: TestNetwork.context,
                                colorMode: .trueColor)
        let compared = ExplorerApp(run: ForwardRun(network: network, input: input), context: TestNetwork.context,
                                   colorMode: .trueColor)
        compared.allowComparison(ComparisonChoices(given: nil, givenTensor: nil, preprocessing: .seed, seed: 0), showing: 0)
        for app in [plain, compared] { app.press(.end, .home) }
        let scenes: [(String, [Key])] = [
            ("conv1 map", []), ("conv1 grid", [.tab]), ("conv2 grid (256)", [.right, .right, .right]),
            ("fc6 vector", [.end, .left, .left]), ("fc8 top-K", [.end]),
        ]
        for (name, keys) in scenes {
            for app in [plain, compared] { app.press(keys) }
            var times: [[Double]] = [[], []]
            for _ in 0..<50 {
                for (index, app) in [plain, compared].enumerated() {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = app.render(width: 200, height: 60)
                    times[index].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
            }
            let medians = times.map { $0.sorted()[$0.count / 2] }
            print(String(format: "render 200x60 %-18@ plain median %.3f ms, compared %.3f ms", name, medians[0], medians[1]))
        }
    }
}
