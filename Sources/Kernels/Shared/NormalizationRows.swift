#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KernelSupport

extension ResponseNormalization {
    /// Normalises `pixels` of an `[pixels, channels]` map (see `ResponseNormalization`).
    /// - Parameter squares: this thread's row of `before + channels + after + Vector.scalarCount`
    ///   floats, zero at both ends.
    func normalize(_ input: UnsafePointer<Float>, pixels: Range<Int>, channels: Int,
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
                let base = multiplyAdd(Vector(repeating: bias), Vector(repeating: scale), sum)
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
