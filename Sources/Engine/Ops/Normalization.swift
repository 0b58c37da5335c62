#if canImport(Glibc)
import Glibc
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
        let workers = pixels >= 2 ? workerCount : 1
        parallelFor(workers) { worker in
            // squares[before + c] = x[c]^2, with zeros on both sides for the window's overhang.
            let squares = workspace + worker * rowLength
            squares.initialize(repeating: 0, count: rowLength)
            let centre = squares + before
            let vectorEnd = channels / Vector.scalarCount * Vector.scalarCount
            for pixel in partition(pixels, parts: workers, index: worker) {
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
