import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a network's weights come from.
public enum WeightsChoice: Sendable, Equatable {
    /// Drawn from the preset's initial distributions; the same seed gives the same weights on
    /// every machine.
    case random(seed: UInt64)
    /// A `.safetensors` file whose keys and layouts are the preset's (see `Preset`).
    case file(path: String)
}

/// Hands a preset its parameters by file key, read from a weights file or drawn at random, and
/// keeps each one as stored (the file's key and layout) so that a network's weights can be saved.
final class Parameters {
    private let file: SafeTensorsFile?
    private let seed: UInt64
    /// Every parameter handed out, in the file's layout, in the order asked for.
    private var handedOut: [(String, PendingTensor)] = []
    /// Draws the dense layers' random weights one after another, in the order asked for (fc6 is
    /// needed first), while the caller goes on.
    private let background = DispatchQueue(label: "alexnet-tui.random-weights", qos: .userInitiated)
    /// Replaces the preset's initializer for random weights (rank 2 and 4), not biases.
    private let scheme: InitScheme
    /// Weights are stored `[out, in]` / `[out, in, kh, kw]` (PyTorch) rather than `[in, out]` /
    /// `[kh, kw, in, out]` (TensorFlow): where the fans are.
    private let pyTorchLayouts: Bool

    init(_ choice: WeightsChoice, scheme: InitScheme = .presetDefault, pyTorchLayouts: Bool = false) throws {
        self.scheme = scheme
        self.pyTorchLayouts = pyTorchLayouts
        switch choice {
        case let .random(seed):
            self.seed = seed
            file = nil
        case let .file(path):
            seed = 0
            file = try SafeTensorsFile(path: path)
        }
    }

    /// The parameter `key` of `shape`, as stored.
    func tensor(_ key: String, _ dims: [Int], _ initializer: Initializer) throws -> Tensor {
        let tensor: Tensor
        if let file {
            tensor = try file.tensor(key, shape: Shape(dims))
        } else {
            tensor = HugePageBuffer.tensor(Shape(dims))
            drawInitializer(for: dims, initializer).fill(tensor, seed: seed, stream: key)
        }
        handedOut.append((key, PendingTensor(ready: tensor)))
        return tensor
    }

    /// The parameter `key` of `shape`, as stored; random values are drawn in the background.
    /// For the dense layers' weights: 94% of `seed`'s parameters, and used last in a pass.
    func pendingTensor(_ key: String, _ dims: [Int], _ initializer: Initializer) throws -> PendingTensor {
        let pending: PendingTensor
        if let file {
            pending = PendingTensor(ready: try file.tensor(key, shape: Shape(dims)))
        } else {
            let (draw, seed) = (drawInitializer(for: dims, initializer), seed)
            pending = PendingTensor(drawing: HugePageBuffer.tensor(Shape(dims)), on: background) { tensor in
                draw.fill(tensor, seed: seed, stream: key)
            }
        }
        handedOut.append((key, pending))
        return pending
    }

    /// Every parameter handed out, in the file's layout, in the order asked for; waits for any
    /// still being drawn.
    var stored: [(String, Tensor)] { handedOut.map { ($0.0, $0.1.tensor) } }

    /// The preset's `initializer`, or the scheme's for a weight of `dims`.
    private func drawInitializer(for dims: [Int], _ initializer: Initializer) -> Initializer {
        fans(of: dims).flatMap { scheme.initializer(fanIn: $0.in, fanOut: $0.out) } ?? initializer
    }

    /// Fan-in and fan-out of a weight of `dims` in this preset's layouts; nil for biases.
    private func fans(of dims: [Int]) -> (in: Int, out: Int)? {
        switch (dims.count, pyTorchLayouts) {
        case (2, false): (dims[0], dims[1])
        case (2, true): (dims[1], dims[0])
        case (4, false): (dims[0] * dims[1] * dims[2], dims[0] * dims[1] * dims[3])
        case (4, true): (dims[1] * dims[2] * dims[3], dims[0] * dims[2] * dims[3])
        default: nil
        }
    }

    /// A convolution kernel stored as PyTorch's `[out, in, kh, kw]`, transposed once to the
    /// `[kh, kw, in, out]` that `Conv2D` takes.
    func kernelFromOIHW(_ key: String, out: Int, in inputs: Int, kernel: Int, _ initializer: Initializer) throws -> Tensor {
        let oihw = try tensor(key, [out, inputs, kernel, kernel], initializer)
        let hwio = Tensor(zeros: Shape(kernel, kernel, inputs, out))
        let source = oihw.data, destination = hwio.data
        let area = kernel * kernel
        for o in 0..<out {
            for i in 0..<inputs {
                for k in 0..<area { destination[(k * inputs + i) * out + o] = source[(o * inputs + i) * area + k] }
            }
        }
        return hwio
    }

    /// Throws if the weights file holds a tensor the model did not ask for (a file for another
    /// model, or another width).
    func finish(model: String) throws {
        try file?.requireNoTensorsBeyond(Set(handedOut.map(\.0)), model: model)
    }
}

/// Memory for a tensor that is about to be overwritten in full: not zero-filled, and on Linux
/// backed by 2 MB pages, so that drawing seed's 300 MB fc6 is not dominated by 4 KB page faults
/// on one thread (the initializer touches the pages on all cores).
// Unchecked: it only owns the memory; the one tensor that borrows it decides who writes it.
public final class HugePageBuffer: @unchecked Sendable {
    let data: UnsafeMutableRawPointer

    private init(byteCount: Int) {
        let hugePage = 2 << 20
        data = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1),
                                                alignment: byteCount >= hugePage ? hugePage : 64)
        #if os(Linux)
        if byteCount >= hugePage { _ = madvise(data, byteCount - byteCount % hugePage, MADV_HUGEPAGE) }
        #endif
    }

    deinit { data.deallocate() }

    public static func tensor(_ shape: Shape) -> Tensor {
        let buffer = HugePageBuffer(byteCount: shape.count * MemoryLayout<Float>.stride)
        return Tensor(shape: shape, borrowing: buffer.data.bindMemory(to: Float.self, capacity: max(shape.count, 1)),
                      owner: buffer)
    }
}
