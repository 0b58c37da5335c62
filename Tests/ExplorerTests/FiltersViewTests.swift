import Dispatch
import Testing
@testable import Engine
@testable import Explorer
import TestSupport

struct FiltersViewTests {
    /// conv1 (3x3 SAME on 8x8x3), flatten, fc1 whose weights are drawn only once `gate` opens;
    /// the draw calls `drawn` as it ends.
    static func network(drawingBehind gate: DispatchQueue, drawn: @escaping @Sendable () -> Void = {}) throws -> Network {
        let weights = PendingTensor(drawing: Tensor(zeros: Shape(8 * 8 * 2, 4)), on: gate) { tensor in
            for i in 0..<tensor.count { tensor.data[i] = Float(i % 7) - 3 }
            drawn()
        }
        return try Network(name: "pending", inputShape: Shape(8, 8, 3), layers: [
            try Conv2D(name: "conv1", weights: Tensor(shape: Shape(3, 3, 3, 2), values: (0..<54).map { Float($0 % 5) / 10 }),
                       bias: Tensor(shape: Shape(2), values: [0, 0]), stride: 1, padding: .same, activation: .relu),
            Flatten(name: "flatten", order: .hwc),
            try Dense(name: "fc1", weights: weights, layout: .inputMajor,
                      bias: Tensor(shape: Shape(4), values: [0, 0, 0, 0]), activation: .identity),
        ], labels: ["a", "b", "c", "d"])
    }

    /// While fc1's weights are still being drawn, its weights view says so instead of waiting
    /// for them (the screen would freeze); once drawn and fc1 computed, it shows their histogram.
    @Test func denseWeightsStillBeingDrawnShowANoteInsteadOfWaiting() throws {
        let gate = QueueGate()
        // Should the view wait for the weights after all, the gate opens by itself and the test
        // fails instead of hanging.
        gate.open(after: 30_000)
        let run = ForwardRun(network: try Self.network(drawingBehind: gate.queue), input: TestNetwork.input(height: 8, width: 8))
        let app = ExplorerApp(run: run, context: TestNetwork.context, colorMode: .ascii, clock: ScheduledClock(),
                              ceilings: TestNetwork.ceilings)
        _ = app.handle(.end)
        _ = app.handle(.character("w"))
        let waiting = app.render(width: 80, height: 24).lines.joined(separator: "\n")
        #expect(waiting.contains("fc1 weights: still being drawn at random"))
        gate.open()
        app.waitUntilIdle()
        let drawn = app.render(width: 80, height: 24).lines.joined(separator: "\n")
        #expect(!drawn.contains("still being drawn"))
        #expect(drawn.contains("fc1 weights 128x4 512"))
    }
}
