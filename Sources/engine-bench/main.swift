// engine-bench: per-layer medians and GFLOP/s of the engine's kernels on the layer shapes of the
// two presets, through the same stepping executor the explorer uses. Weights are synthetic (the
// speed does not depend on their values); no model or weights file is needed.
//
//     swift run -c release engine-bench [seed|alexnet ...] [--repeat N] [--threads 1|2] [--kernels VARIANT]
//     swift run -c release engine-bench bandwidth [--repeat N] [--threads 1|2]
//
// `--only LAYER` times that one layer of each preset alone, on a synthetic input of its input
// shape, run after run: warm caches, where in a whole pass the layers before it evict its data
// (`scripts/benchmark_onnx.py --alone LAYER` sets it beside ONNX Runtime's node alone).
//
// `--kernels generic|avx2|avx512` forces a kernel variant (default: the best this CPU has).
//
// With `--threads 1` every kernel runs on the main thread and "cpu ms" is that thread's own CPU
// time, so GFLOP per CPU-second is the kernel's speed per core even when other processes compete
// for the cores. (With two threads the process CPU clock misses the helper's current slice.)
import Engine
#if canImport(Glibc)
import Glibc
#endif

func nanoseconds(_ clock: clockid_t = CLOCK_MONOTONIC) -> UInt64 {
    var time = timespec()
    clock_gettime(clock, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Cheap deterministic weights in ±scale: values matter only in avoiding denormals and zeros.
/// On 2 MB pages, as the presets' random init and a memory-mapped weights file in the page
/// cache are (with 4 KB pages fc6 streams about 15% slower).
func synthetic(_ shape: Shape, scale: Float = 0.05) -> Tensor {
    let tensor = HugePageBuffer.tensor(shape)
    var state: UInt32 = 0x1234_5678
    for index in 0..<tensor.count {
        state = state &* 1_664_525 &+ 1_013_904_223
        tensor.data[index] = (Float(state >> 8) / Float(1 << 24) - 0.5) * 2 * scale
    }
    return tensor
}

func conv(_ name: String, _ k: Int, _ cin: Int, _ cout: Int, stride: Int = 1, _ padding: Padding,
          groups: Int = 1) throws -> Conv2D {
    try Conv2D(name: name, weights: synthetic(Shape(k, k, cin / groups, cout)), bias: synthetic(Shape(cout)),
               stride: stride, padding: padding, groups: groups, activation: .relu)
}

func dense(_ name: String, _ inputs: Int, _ outputs: Int, _ layout: Dense.WeightLayout,
           _ activation: Activation) throws -> Dense {
    let shape = layout == .inputMajor ? Shape(inputs, outputs) : Shape(outputs, inputs)
    return try Dense(name: name, weights: synthetic(shape, scale: 0.01), layout: layout,
                     bias: synthetic(Shape(outputs)), activation: activation)
}

func seedNetwork() throws -> Network {
    let lrn = LocalResponseNorm.Convention.tensorFlow(depthRadius: 5, bias: 1, alpha: 1, beta: 0.5)
    return try Network(name: "seed", inputShape: Shape(224, 224, 3), layers: [
        conv("conv1", 11, 3, 96, stride: 4, .same),
        MaxPool2D(name: "pool1", kernel: 3, stride: 2, padding: .same),
        LocalResponseNorm(name: "norm1", convention: lrn),
        conv("conv2", 5, 96, 256, .same),
        MaxPool2D(name: "pool2", kernel: 3, stride: 2, padding: .same),
        LocalResponseNorm(name: "norm2", convention: lrn),
        conv("conv3", 3, 256, 384, .same),
        conv("conv4", 3, 384, 384, .same),
        conv("conv5", 3, 384, 384, .same),
        MaxPool2D(name: "pool5", kernel: 3, stride: 2, padding: .same),
        LocalResponseNorm(name: "norm5", convention: lrn),
        Flatten(name: "flatten", order: .hwc),
        dense("fc6", 18816, 4096, .inputMajor, .tanh),
        Dropout(name: "drop6", rate: 0.5),
        dense("fc7", 4096, 4096, .inputMajor, .tanh),
        Dropout(name: "drop7", rate: 0.5),
        dense("fc8", 4096, 17, .inputMajor, .identity),
    ], sources: ["pool5": "conv4"], labels: (0..<17).map { "class \($0)" })
}

func alexnetNetwork() throws -> Network {
    let pad1 = Padding.explicit(top: 1, left: 1, bottom: 1, right: 1)
    return try Network(name: "alexnet", inputShape: Shape(224, 224, 3), layers: [
        conv("conv1", 11, 3, 64, stride: 4, .explicit(top: 2, left: 2, bottom: 2, right: 2)),
        MaxPool2D(name: "pool1", kernel: 3, stride: 2, padding: .valid),
        conv("conv2", 5, 64, 192, .explicit(top: 2, left: 2, bottom: 2, right: 2)),
        MaxPool2D(name: "pool2", kernel: 3, stride: 2, padding: .valid),
        conv("conv3", 3, 192, 384, pad1),
        conv("conv4", 3, 384, 256, pad1),
        conv("conv5", 3, 256, 256, pad1),
        MaxPool2D(name: "pool5", kernel: 3, stride: 2, padding: .valid),
        AdaptiveAvgPool2D(name: "avgpool", outputHeight: 6, outputWidth: 6),
        Flatten(name: "flatten", order: .chw),
        Dropout(name: "drop6", rate: 0.5),
        dense("fc6", 9216, 4096, .outputMajor, .relu),
        Dropout(name: "drop7", rate: 0.5),
        dense("fc7", 4096, 4096, .outputMajor, .relu),
        dense("fc8", 4096, 1000, .outputMajor, .identity),
    ], labels: (0..<1000).map { "class \($0)" })
}

/// Records each layer's duration, the way the profiling module observes the executor.
/// Also records the main thread's CPU time: with `--threads 1`, GFLOP per CPU-second is a kernel's
/// speed per core even when other processes share the machine.
final class Stopwatch: LayerObserver {
    var started: UInt64 = 0
    var startedCPU: UInt64 = 0
    var samples: [[Double]]
    var cpuSamples: [[Double]]
    init(layers: Int) {
        samples = Array(repeating: [], count: layers)
        cpuSamples = samples
    }
    func layerWillRun(_ index: Int, in network: Network) {
        startedCPU = nanoseconds(CLOCK_THREAD_CPUTIME_ID)
        started = nanoseconds()
    }
    func layerDidRun(_ index: Int, in network: Network) {
        samples[index].append(Double(nanoseconds() - started) / 1e6)
        cpuSamples[index].append(Double(nanoseconds(CLOCK_THREAD_CPUTIME_ID) - startedCPU) / 1e6)
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted.count % 2 == 1 ? sorted[sorted.count / 2]
        : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(width - text.count, 0)) + text
}

func fixed(_ value: Double, _ digits: Int) -> String {
    var text = String(Int((value * pow(10, Double(digits))).rounded()))
    if digits > 0 {
        while text.count <= digits { text = "0" + text }
        text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
    }
    return text
}

func benchmark(_ network: Network, repeats: Int) {
    let input = synthetic(network.inputShape, scale: 1)
    let run = ForwardRun(network: network, input: input)
    let stopwatch = Stopwatch(layers: network.nodes.count)
    for _ in 0..<3 { run.rerun() }  // warm-up: page faults, thread start-up
    run.observer = stopwatch
    var totals: [Double] = []
    for _ in 0..<repeats {
        let start = nanoseconds()
        run.rerun()
        totals.append(Double(nanoseconds() - start) / 1e6)
    }
    print("\(network.name): median of \(repeats) runs after 3 warm-up runs, \(KernelThreads.limit) thread(s), "
          + "\(KernelVariant.selected) kernels")
    print("layer      " + pad("ms", 9) + pad("GFLOP/s", 9) + pad("GB/s", 7) + pad("cpu ms", 9)
          + pad("GFLOP/cpu-s", 12) + "  shape")
    var sum = 0.0
    for (index, node) in network.nodes.enumerated() {
        let ms = median(stopwatch.samples[index])
        sum += ms
        let flops = 2 * Double(node.layer.multiplyAdds(for: node.inputShape))
        let weightBytes = Double(node.layer.parameterCount * 4)
        let gflops = node.layer.kind == .conv2d || node.layer.kind == .dense ? fixed(flops / ms / 1e6, 1) : ""
        let gbs = node.layer.kind == .dense ? fixed(weightBytes / ms / 1e6, 1) : ""
        let cpu = median(stopwatch.cpuSamples[index])
        let perCPU = node.layer.kind == .conv2d ? fixed(flops / cpu / 1e6, 1) : ""
        print(node.layer.name + String(repeating: " ", count: max(11 - node.layer.name.count, 1))
              + pad(fixed(ms, 3), 9) + pad(gflops, 9) + pad(gbs, 7) + pad(fixed(cpu, 3), 9) + pad(perCPU, 12)
              + "  \(node.inputShape) → \(node.outputShape)")
    }
    print("sum of layer medians \(fixed(sum, 2)) ms; median whole pass \(fixed(median(totals), 2)) ms\n")
}

/// The machine's read bandwidth, the yardstick for batch-1 dense layers (which stream each weight
/// once): the kernels' threads sum a 512 MiB buffer on 2 MB pages (far larger than the caches)
/// with the selected kernel variant's loop (`CalibrationLoops.readSum`, the loop behind the
/// report's read ceiling), in 4 MiB chunks shared out as the kernels' are. Prints the
/// median and best of `repeats` passes after one warm-up pass.
/// NOTE: this file is compiled for any x86-64; a sum written here in SIMD16 ran at SSE2's pace
/// (10.6 GB/s on one core of an Intel Xeon family 6 model 207, where the AVX-512 loop reads 16).
func measureReadBandwidth(repeats: Int) {
    let floats = 128 << 20
    let buffer = HugePageBuffer.tensor(Shape(floats))
    buffer.data.initialize(repeating: 1, count: floats)
    var sink: Float = 0
    var seconds: [Double] = []
    for pass in 0...repeats {
        let start = nanoseconds()
        sink += CalibrationLoops.readSum(buffer.data, floats: floats)
        if pass > 0 { seconds.append(Double(nanoseconds() - start) / 1e9) }
    }
    let bytes = Double(floats * MemoryLayout<Float>.size)
    print("read bandwidth: median \(fixed(bytes / median(seconds) / 1e9, 1)) GB/s, best "
          + "\(fixed(bytes / seconds.min()! / 1e9, 1)) GB/s (\(repeats) passes over 512 MiB, \(KernelThreads.limit) "
          + "thread(s), \(KernelVariant.selected.rawValue) kernels; checksum \(sink))")
}

/// `network`'s layer `name` as a network of its own, on an input of the layer's input shape.
func layerAlone(_ name: String, of network: Network) throws -> Network {
    guard let node = network.nodes.first(where: { $0.layer.name == name }) else {
        throw ShapeError(layer: name, "no such layer in \(network.name)")
    }
    return try Network(name: "\(network.name) \(name) alone", inputShape: node.inputShape, layers: [node.layer],
                       labels: network.labels)
}

var repeats = 20
var presets: [String] = []
var only: String?
var bandwidth = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--repeat", let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 {
        repeats = value
    } else if argument == "--threads", let value = arguments.popFirst().flatMap({ Int($0) }), (1...2).contains(value) {
        KernelThreads.limit = value
    } else if argument == "--kernels", let value = arguments.popFirst().flatMap({ KernelVariant(rawValue: $0) }) {
        guard KernelVariant.select(value) else {
            print("engine-bench: this CPU runs \(KernelVariant.supported.map(\.rawValue).joined(separator: ", ")) kernels")
            exit(2)
        }
    } else if argument == "seed" || argument == "alexnet" {
        presets.append(argument)
    } else if argument == "--only", let value = arguments.popFirst() {
        only = value
    } else if argument == "bandwidth" {
        bandwidth = true
    } else {
        print("usage: engine-bench [seed|alexnet ...|bandwidth] [--only LAYER] [--repeat N] [--threads 1|2] "
              + "[--kernels generic|avx2|avx512]")
        exit(2)
    }
}
if bandwidth {
    measureReadBandwidth(repeats: repeats)
    exit(0)
}
for preset in presets.isEmpty ? ["seed", "alexnet"] : presets {
    do {
        let network = preset == "seed" ? try seedNetwork() : try alexnetNetwork()
        benchmark(try only.map { try layerAlone($0, of: network) } ?? network, repeats: repeats)
    } catch {
        print("engine-bench: \(error)")
        exit(1)
    }
}
