import Synchronization
import Testing
@testable import Engine
import TestSupport

struct PendingTensorTests {
    /// The draw writes 1…4 only once the gate opens, 50 ms on: reading the tensor sooner than
    /// that would see the zeros it was made with.
    @Test func readingWaitsForTheDraw() {
        let gate = QueueGate()
        let pending = PendingTensor(drawing: Tensor(zeros: Shape(4)), on: gate.queue) { tensor in
            for i in 0..<4 { tensor.data[i] = Float(i + 1) }
        }
        #expect(pending.shape == Shape(4))
        gate.open(after: 50)
        #expect(pending.tensor.toArray() == [1, 2, 3, 4])
    }

    /// Set by the draw as it finishes.
    final class DrawnFlag: Sendable {
        let isSet = Atomic(false)
    }

    /// Tells, at `layerWillRun`, whether the draw had finished.
    final class DrawWitness: LayerObserver {
        let drawn: DrawnFlag
        var drawnWhenTimed: [Bool] = []
        init(_ drawn: DrawnFlag) { self.drawn = drawn }
        func layerWillRun(_ index: Int, in network: Network) {
            drawnWhenTimed.append(drawn.isSet.load(ordering: .acquiring))
        }
        func layerDidRun(_ index: Int, in network: Network) {}
    }

    /// A dense layer whose weights are still being drawn: the run waits for them before it tells
    /// the observer (the profiler starts its clock there), and computes with the drawn values
    /// (weights [[1, 2], [3, 4]] `[in, out]` on x = (1, 1) give 4 and 6).
    @Test func aTimedDenseLayerStartsAfterItsWeightsAreDrawn() throws {
        let gate = QueueGate()
        let drawn = DrawnFlag()
        let weights = PendingTensor(drawing: Tensor(zeros: Shape(2, 2)), on: gate.queue) { [drawn] tensor in
            for i in 0..<4 { tensor.data[i] = Float(i + 1) }
            drawn.isSet.store(true, ordering: .releasing)
        }
        let dense = try Dense(name: "fc", weights: weights, layout: .inputMajor,
                              bias: Tensor(shape: Shape(2), values: [0, 0]), activation: .identity)
        #expect(dense.parameterCount == 6)
        let network = try Network(name: "n", inputShape: Shape(2), layers: [dense], labels: ["a", "b"])
        let run = ForwardRun(network: network, input: Tensor(shape: Shape(2), values: [1, 1]))
        let witness = DrawWitness(drawn)
        run.observer = witness
        gate.open(after: 50)
        run.runToEnd()
        #expect(witness.drawnWhenTimed == [true])
        #expect(run.outputs[0].toArray() == [4, 6])
    }
}
