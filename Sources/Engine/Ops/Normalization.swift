#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Local response normalisation across the channels of an `[H, W, C]` feature map:
///
///     y[c] = x[c] / (bias + scale * sum_{c' = c - before ... c + after} x[c']^2)^beta
///
/// TensorFlow: before = after = depth_radius, scale = alpha. PyTorch (and Caffe for odd sizes):
/// before = size / 2, after = (size - 1) / 2, scale = alpha / size. Channels past either end
/// count as zero.
struct ResponseNormalization: Sendable {
    let before: Int
    let after: Int
    let bias: Float
    let scale: Float
    let beta: Float

    /// Scratch floats: one padded row of squares per worker.
    func workspaceFloats(channels: Int) -> Int {
        workerCount * (before + channels + after + Vector.scalarCount)
    }

    /// - Parameters: input and output `[pixels, channels]`; workspace `workspaceFloats(channels:)`.
    func normalize(_ input: UnsafePointer<Float>, pixels: Int, channels: Int,
                   into output: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>) {
        let rowLength = before + channels + after + Vector.scalarCount
        // Chunks of 64 pixels; each worker keeps its own row of squares.
        let chunkPixels = 64
        let chunks = (pixels + chunkPixels - 1) / chunkPixels
        for worker in 0..<min(workerCount, chunks) {
            (workspace + worker * rowLength).initialize(repeating: 0, count: rowLength)
        }
        NormalizationWork(normalization: self, input: input, pixels: pixels, chunkPixels: chunkPixels,
                          channels: channels, output: output, workspace: workspace, rowLength: rowLength)
            .run(chunks: chunks, operations: pixels * channels * (before + after + 1))
    }

    /// - Parameter squares: this worker's row of `before + channels + after` floats, zero at
    ///   both ends.
    fileprivate func normalize(_ input: UnsafePointer<Float>, pixels: Range<Int>, channels: Int,
                               into output: UnsafeMutablePointer<Float>, squares: UnsafeMutablePointer<Float>) {
        // squares[before + c] = x[c]^2, with zeros on both sides for the window's overhang.
        let centre = squares + before
        let vectorEnd = channels / Vector.scalarCount * Vector.scalarCount
        for pixel in pixels {
            let x = input + pixel * channels
            let y = output + pixel * channels
            for c in 0..<channels { centre[c] = x[c] * x[c] }
            var c = 0
            while c < vectorEnd {
                var sum = Vector()
                for offset in 0...(before + after) { sum += squares.loadVector(at: c + offset) }
                let base = Vector(repeating: bias).addingProduct(Vector(repeating: scale), sum)
                y.storeVector(x.loadVector(at: c) * negativePower(base), at: c)
                c += Vector.scalarCount
            }
            while c < channels {
                var sum: Float = 0
                for offset in 0...(before + after) { sum += squares[c + offset] }
                y[c] = x[c] * powf(bias + scale * sum, -beta)
                c += 1
            }
        }
    }

    /// base^-beta; the betas of the two AlexNets (0.5, 0.75) and 1 without any libm call.
    @inline(__always)
    private func negativePower(_ base: Vector) -> Vector {
        switch beta {
        case 0.5: return 1 / base.squareRoot()
        case 0.75:
            let root = base.squareRoot()
            return 1 / (root * root.squareRoot())
        case 1: return 1 / base
        default:
            var result = Vector()
            for lane in 0..<Vector.scalarCount { result[lane] = powf(base[lane], -beta) }
            return result
        }
    }
}

private struct NormalizationWork: ChunkedWork {
    let normalization: ResponseNormalization
    let input: UnsafePointer<Float>
    let pixels, chunkPixels, channels: Int
    let output: UnsafeMutablePointer<Float>
    let workspace: UnsafeMutablePointer<Float>
    let rowLength: Int

    func run(chunk: Int, worker: Int) {
        normalization.normalize(input, pixels: (chunk * chunkPixels)..<min((chunk + 1) * chunkPixels, pixels),
                                channels: channels, into: output, squares: workspace + worker * rowLength)
    }
}
