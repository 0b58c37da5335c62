import Testing
import Engine
import TestSupport

struct ForwardRunTests {
    /// Counts what it is told.
    final class Tally: LayerObserver {
        var started: [Int] = []
        var finished: [Int] = []
        func layerWillRun(_ index: Int, in network: Network) { started.append(index) }
        func layerDidRun(_ index: Int, in network: Network) { finished.append(index) }
    }

    /// A 3x3 VALID conv of ones on a 4x4 arange (window sums 45, 54, 81, 90), then max pool 2x2:
    /// recomputing the conv into a scratch tensor gives the same values there, leaves the run's
    /// outputs as they were (poisoned here to show it), and tells the observer passed, not the run's.
    @Test func recomputeWritesScratchNotTheOutputs() throws {
        let conv = try Conv2D(name: "conv", weights: Tensor(shape: Shape(3, 3, 1, 1), values: Array(repeating: 1, count: 9)),
                              bias: Tensor(shape: Shape(1), values: [0]), stride: 1, padding: .valid, activation: .identity)
        let network = try Network(name: "n", inputShape: Shape(4, 4, 1),
                                  layers: [conv, MaxPool2D(name: "pool", kernel: 2, stride: 2, padding: .valid)],
                                  labels: [])
        let run = ForwardRun(network: network, input: arangeTensor(Shape(4, 4, 1)))
        run.runToEnd()
        let runs = Tally(), other = Tally()
        run.observer = runs
        for index in 0..<4 { run.outputs[0].data[index] = -1 }
        let scratch = Tensor(zeros: Shape(2, 2, 1))
        run.recompute(0, into: scratch, observer: other)
        #expect(scratch.toArray() == [45, 54, 81, 90])
        #expect(run.outputs[0].toArray() == [-1, -1, -1, -1])
        #expect(other.started == [0] && other.finished == [0])
        #expect(runs.started.isEmpty)
        #expect(run.computedCount == 2)
    }
}
