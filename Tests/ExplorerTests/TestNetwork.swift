import Foundation
import Engine
import Profiling
@testable import Explorer

/// A test double standing in for a real layer: a fixed output shape and summary, and an output
/// computed from a formula of the flat index, so screens are deterministic and hand-checkable.
final class PatternLayer: Layer {
    let name: String
    let kind: LayerKind
    let summary: String
    let parameterCount: Int
    private let shape: Shape
    private let value: @Sendable (Int) -> Float
    /// Waited on before computing, so a test can hold the worker inside this layer.
    private let gate: DispatchSemaphore?

    init(_ name: String, _ kind: LayerKind, _ summary: String, output: Shape, parameters: Int = 0,
         gate: DispatchSemaphore? = nil, value: @escaping @Sendable (Int) -> Float) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.parameterCount = parameters
        self.shape = output
        self.value = value
        self.gate = gate
    }

    func outputShape(for input: Shape) throws -> Shape { shape }
    func multiplyAdds(for input: Shape) -> Int { shape.count * 27 }
    func forward(_ input: Tensor, into output: Tensor, workspace: Workspace) {
        gate?.wait()
        for i in 0..<output.count { output.data[i] = value(i) }
    }
}

/// A clock that advances by a fixed, varying schedule on every read, so each layer's measured
/// time is known in advance: reads happen only on the worker, one layer after another.
final class ScheduledClock: MonotonicClock, Sendable {
    private let reads = Locked(UInt64(0))
    private let now = Locked(UInt64(0))

    func nanoseconds() -> UInt64 {
        let n = reads.withLock { count -> UInt64 in count += 1; return count }
        return now.withLock { time in
            time += (n % 7 + 1) * 250_000
            return time
        }
    }
}

enum TestNetwork {
    static let labels = ["tabby cat", "tiger cat", "lynx", "red fox", "goldfish", "jellyfish", "banjo",
                         "teapot", "volcano", "daisy"]

    /// fc2's output unless a test asks for others.
    static let logits: [Float] = [1.0, 3.5, 0.2, -1.0, 2.0, 0.0, -2.5, 1.5, 0.5, 2.8]

    /// A small network shaped like AlexNet: conv1 has a constant channel (3) and a NaN and an
    /// infinity in channel 2; conv2 is computed but unused (flatten reads pool1), like seed's conv5.
    static func make(gate: DispatchSemaphore? = nil, logits: [Float] = logits) throws -> Network {
        let conv1 = PatternLayer("conv1", .conv2d, "conv 3x3/1 SAME, 6 filters, ReLU",
                                 output: Shape(12, 16, 6), parameters: 168) { i in
            let (channel, pixel) = (i % 6, i / 6)
            let (y, x) = (pixel / 16, pixel % 16)
            switch channel {
            case 3: return 0.5
            case 2 where pixel == 0: return .nan
            case 2 where pixel == 17: return .infinity
            default: return max(0, Float(x - y + channel) * 0.25 + Float((x * y) % 5) * 0.1)
            }
        }
        let pool1 = PatternLayer("pool1", .maxPool2d, "max pool 2x2/2 VALID", output: Shape(6, 8, 6), gate: gate) { i in
            Float((i * 37) % 23) / 4
        }
        let conv2 = PatternLayer("conv2", .conv2d, "conv 3x3/1 SAME, 8 filters, ReLU",
                                 output: Shape(6, 8, 8), parameters: 440) { i in Float((i * 13) % 11) - 2 }
        let flatten = PatternLayer("flatten", .flatten, "flatten (HWC)", output: Shape(288)) { i in
            Float((i * 37) % 23) / 4
        }
        let fc1 = PatternLayer("fc1", .dense, "dense 288 -> 32, tanh", output: Shape(32), parameters: 9248) { i in
            Float(sin(Double(i) * 0.7))
        }
        let fc2 = PatternLayer("fc2", .dense, "dense 32 -> 10", output: Shape(10), parameters: 330) { i in
            logits[i]
        }
        return try Network(name: "test", inputShape: Shape(16, 16, 3),
                           layers: [conv1, pool1, conv2, flatten, fc1, fc2],
                           sources: ["flatten": "pool1"], labels: labels)
    }

    /// The same layout built from the engine's own layers with hand-set weights, on a 12x16 input:
    /// conv1 (3x3 SAME, ReLU; filter 3 all zero with bias 0.5, a constant channel), pool1 (2x2/2),
    /// conv2 (unused), flatten (reads pool1), fc1 (tanh), fc2 (logits).
    static func makeWithOps() throws -> Network {
        /// Small weights in -0.3...0.3 from a fixed pattern.
        func weights(_ shape: Shape, zeroingOutput zeroed: Int? = nil) -> Tensor {
            let outputs = shape.dims.last!
            return Tensor(shape: shape, values: (0..<shape.count).map { i in
                i % outputs == zeroed ? 0 : Float((i * 7919) % 13 - 6) * 0.05
            })
        }
        func bias(_ count: Int, _ values: [Float] = []) -> Tensor {
            Tensor(shape: Shape(count), values: (0..<count).map { $0 < values.count ? values[$0] : 0.1 })
        }
        let layers: [any Layer] = [
            try Conv2D(name: "conv1", weights: weights(Shape(3, 3, 3, 6), zeroingOutput: 3),
                       bias: bias(6, [0.1, 0.1, 0.1, 0.5]), stride: 1, padding: .same, activation: .relu),
            MaxPool2D(name: "pool1", kernel: 2, stride: 2, padding: .valid),
            try Conv2D(name: "conv2", weights: weights(Shape(3, 3, 6, 8)), bias: bias(8), stride: 1, padding: .same,
                       activation: .relu),
            Flatten(name: "flatten", order: .hwc),
            try Dense(name: "fc1", weights: weights(Shape(288, 32)), layout: .inputMajor, bias: bias(32),
                      activation: .tanh),
            try Dense(name: "fc2", weights: weights(Shape(32, 10)), layout: .inputMajor, bias: bias(10),
                      activation: .identity),
        ]
        return try Network(name: "test-ops", inputShape: Shape(12, 16, 3), layers: layers,
                           sources: ["flatten": "pool1"], labels: labels)
    }

    /// A colour gradient image, values in torchvision's normalised range.
    static func input(height: Int = 16, width: Int = 16) -> Tensor {
        let tensor = Tensor(zeros: Shape(height, width, 3))
        for y in 0..<height {
            for x in 0..<width {
                tensor[y, x, 0] = Float(x) / Float(width - 1) * 4 - 2
                tensor[y, x, 1] = Float(y) / Float(height - 1) * 4 - 2
                tensor[y, x, 2] = Float((x + y) % 8) / 7 * 4 - 2
            }
        }
        return tensor
    }

    static let context = ExplorerContext(modelName: "test", weightsDescription: "random init, seed 7",
                                         imagePath: "samples/test.ppm", imageWidth: 32, imageHeight: 24,
                                         labels: labels, topK: 5, inputNormalization: .torchvision, randomWeights: true)

    /// Fixed roofline ceilings for screens (measured ones would differ by machine and load):
    /// 1 GFLOP/s and 0.5 GB/s, meeting at 2 FLOPs per byte.
    static let ceilings = MachineCeilings(peakFlopsPerSecond: 1e9, readBytesPerSecond: 0.5e9,
                                          method: "fixed for the tests", measuredAt: Date(timeIntervalSince1970: 1_764_000_000))

    /// An explorer on a test network with a scheduled clock, its first layer computed.
    static func app(colorMode: ColorMode = .trueColor, gate: DispatchSemaphore? = nil,
                    usingOps: Bool = false, logits: [Float] = logits) throws -> ExplorerApp {
        let run = usingOps ? ForwardRun(network: try makeWithOps(), input: input(height: 12, width: 16))
                           : ForwardRun(network: try make(gate: gate, logits: logits), input: input())
        let app = ExplorerApp(run: run, context: context, colorMode: colorMode, clock: ScheduledClock(),
                              ceilings: ceilings)
        if gate == nil { app.waitUntilIdle() }
        return app
    }
}

extension ExplorerApp {
    /// Presses `keys` in order, waiting for the engine after each so screens are deterministic.
    func press(_ keys: Key...) {
        for key in keys {
            _ = handle(key)
            waitUntilIdle()
        }
    }
}
