import Dispatch
import Engine
import Testing
@testable import Explorer

@Suite struct OcclusionViewTests {
    /// `o` computes in the background, then shows the map; the top class is the one the
    /// classifier ranks first.
    @Test func occlusionRunsAndShowsTheTopClass() throws {
        let app = try TestNetwork.app(colorMode: .ascii, usingOps: true)
        app.press(.character("o"))
        let map = try #require(app.occlusion.progress.result)
        #expect(app.currentView == .occlusion)
        // 12x16 input: a 3x3 square moved by 1: 10 x 14 positions.
        #expect(map.rows == 10 && map.columns == 14 && map.patch == 3)
        app.press(.end)
        let top = try #require(app.worker.published.statistics.last??.top(1).first)
        #expect(map.classIndex == top)
        let screen = app.render(width: 120, height: 40).lines.joined(separator: "\n")
        #expect(screen.contains("top class \(TestNetwork.labels[top])"))
    }

    /// With NaN logits no class has a probability: the view says so rather than follow class 0.
    @Test func nanLogitsShowNoPredictionInsteadOfAClass() throws {
        let app = try TestNetwork.app(colorMode: .ascii, logits: [Float](repeating: .nan, count: 10))
        app.press(.character("o"))
        #expect(app.occlusion.progress.result != nil)
        let screen = app.render(width: 120, height: 40).lines.joined(separator: "\n")
        #expect(screen.contains("no prediction: the logits are not finite"), "\(screen)")
        #expect(!screen.contains("top class"), "\(screen)")
    }

    /// A second `o` while it runs cancels: no result, and the view says how to start again.
    @Test func secondPressCancels() throws {
        let gate = DispatchSemaphore(value: 0)
        let app = try TestNetwork.app(colorMode: .ascii, gate: gate)   // pool1 waits for the gate
        #expect(app.handle(.character("o")) == .handled)
        #expect(app.occlusion.progress.running)
        #expect(app.render(width: 120, height: 40).lines.joined(separator: "\n").contains("o cancels"))
        #expect(app.handle(.character("o")) == .handled)
        for _ in 0..<4 { gate.signal() }   // the worker's pool1 and the occlusion's pass in flight
        app.occlusion.waitUntilIdle()
        #expect(!app.occlusion.progress.running && app.occlusion.progress.result == nil)
        #expect(app.render(width: 120, height: 40).lines.joined(separator: "\n").contains("o starts again"))
    }
}
