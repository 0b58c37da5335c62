import Engine
import Foundation
import Profiling

/// A clock that moves only when told to.
// Unchecked: `now` is only read and written under `lock`.
final class FakeClock: MonotonicClock, @unchecked Sendable {
    private let lock = NSLock()
    private var now: UInt64 = 1_000

    func nanoseconds() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return now
    }

    func advance(by nanoseconds: UInt64) {
        lock.lock()
        now += nanoseconds
        lock.unlock()
    }
}

/// A layer with declared costs whose forward pass writes fixed values and "takes" a scripted
/// time on a fake clock: run `r` of the layer advances the clock by `durations[r % count]`.
// Unchecked: `runs` changes in `forward`, which one test runs on one thread at a time.
final class ScriptedLayer: Layer, @unchecked Sendable {
    let name: String
    let kind: LayerKind
    let summary: String
    let parameterCount: Int
    let method: String?
    private let output: Shape
    private let macs: Int
    private let performedMacs: Int?
    private let values: [Float]
    private let clock: FakeClock?
    private let durations: [UInt64]
    private(set) var runs = 0

    init(name: String, kind: LayerKind = .dense, output: Shape, multiplyAdds: Int = 0,
         performedMultiplyAdds: Int? = nil, parameters: Int = 0, method: String? = nil, values: [Float]? = nil,
         clock: FakeClock? = nil, durations: [UInt64] = [0]) {
        self.name = name
        self.kind = kind
        self.summary = "scripted \(name)"
        self.parameterCount = parameters
        self.method = method
        self.output = output
        self.macs = multiplyAdds
        self.performedMacs = performedMultiplyAdds
        self.values = values ?? Array(repeating: 0, count: output.count)
        self.clock = clock
        self.durations = durations
    }

    func outputShape(for input: Shape) throws -> Shape { output }
    func multiplyAdds(for input: Shape) -> Int { macs }
    func performedMultiplyAdds(for input: Shape) -> Int { performedMacs ?? macs }

    func forward(_ input: Tensor, into output: Tensor, workspace: Workspace) {
        for (index, value) in values.enumerated() { output.data[index] = value }
        clock?.advance(by: durations[runs % durations.count])
        runs += 1
    }
}

/// A run of a network made of `layers`, on a zero input of shape [2, 2, 1].
func makeRun(_ layers: [any Layer], sources: [String: String] = [:], labels: [String] = []) throws -> ForwardRun {
    let network = try Network(name: "scripted", inputShape: Shape(2, 2, 1), layers: layers,
                              sources: sources, labels: labels)
    return ForwardRun(network: network, input: Tensor(zeros: Shape(2, 2, 1)))
}

/// A clock that moves `step` nanoseconds each time it is read: every timed run "takes" `step`.
// Unchecked: `now` is only read and written under `lock`.
final class TickingClock: MonotonicClock, @unchecked Sendable {
    private let lock = NSLock()
    private var now: UInt64 = 0
    private let step: UInt64

    init(step: UInt64) { self.step = step }

    func nanoseconds() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        now += step
        return now
    }
}
