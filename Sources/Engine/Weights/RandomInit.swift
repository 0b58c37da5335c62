import Dispatch
import KernelSupport

/// How a parameter is drawn when no weights file is given.
public enum Initializer: Sendable, Equatable {
    /// Normal with mean 0, values beyond two standard deviations redrawn (TensorFlow's
    /// `truncated_normal`). Sampled by inverting the truncated CDF, which gives exactly that
    /// distribution without a data-dependent redraw loop.
    case truncatedNormal(stddev: Float)
    /// Uniform on [-bound, bound] (PyTorch's default for conv and linear layers: 1/sqrt(fan_in)).
    case uniform(bound: Float)
    case constant(Float)
}

/// Counter-based random bits: output `i` of a stream is a pure function of (seed, stream, i), so
/// filling a tensor on any number of threads, in any order, on any machine gives the same values.
///
/// The function is SplitMix64's finaliser applied to the `i`-th element of a Weyl sequence whose
/// start is derived from the seed and the stream name; the kernel variants compute the blocks
/// (`Kernels/Shared/RandomBlocks.swift`).
struct CounterRandom: Sendable {
    let key: UInt64

    init(seed: UInt64, stream: String) {
        // FNV-1a: a stable hash (Swift's Hasher is randomised per process).
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in stream.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        key = Self.mix(Self.mix(seed) ^ hash)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ RandomDraw.gamma
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Initializer {
    /// Fills `tensor` with values drawn for `stream` (the parameter's name) under `seed`, on all
    /// cores, with the selected kernel variant (every variant gives the same bits).
    public func fill(_ tensor: Tensor, seed: UInt64, stream: String) {
        fill(tensor, seed: seed, stream: stream, kernels: KernelVariant.selected.kernels)
    }

    func fill(_ tensor: Tensor, seed: UInt64, stream: String, kernels: KernelTable) {
        let count = tensor.count
        let draw: RandomDraw
        switch self {
        case let .constant(value):
            tensor.data.update(repeating: value, count: count)
            return
        case let .uniform(bound):
            draw = RandomDraw(key: CounterRandom(seed: seed, stream: stream).key, distribution: .uniform, scale: bound)
        case let .truncatedNormal(stddev):
            draw = RandomDraw(key: CounterRandom(seed: seed, stream: stream).key, distribution: .truncatedNormal,
                              scale: stddev)
        }
        let blocks = (count + 15) / 16
        let blocksPerChunk = 4096
        let chunks = (blocks + blocksPerChunk - 1) / blocksPerChunk
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            kernels.randomFill(draw, (chunk * blocksPerChunk)..<min(blocks, (chunk + 1) * blocksPerChunk),
                               tensor.data, count)
        }
    }
}
