import Engine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Naive float64 versions of every engine op, written straight from the definitions (loops
/// over every index, no blocking, no SIMD, padding resolved independently of the engine's
/// `WindowGeometry`), for tests to compare the fast kernels against.
public enum Reference {
    public static func activate(_ x: Double, _ activation: Activation) -> Double {
        switch activation {
        case .identity: x
        case .relu: max(x, 0)
        case .tanh: Glibc.tanh(x)
        }
    }

    /// Padding on each side per TensorFlow: SAME gives ceil(input / stride) outputs and puts the
    /// odd pixel of padding at the bottom/right.
    public static func padding(_ padding: Padding, height: Int, width: Int, kernelHeight: Int, kernelWidth: Int,
                               stride: Int) -> (top: Int, left: Int, bottom: Int, right: Int) {
        switch padding {
        case .valid: return (0, 0, 0, 0)
        case let .explicit(top, left, bottom, right): return (top, left, bottom, right)
        case .same:
            func split(_ size: Int, _ kernel: Int) -> (Int, Int) {
                let outputs = Int((Double(size) / Double(stride)).rounded(.up))
                let total = max((outputs - 1) * stride + kernel - size, 0)
                return (total / 2, total - total / 2)
            }
            let (top, bottom) = split(height, kernelHeight)
            let (left, right) = split(width, kernelWidth)
            return (top, left, bottom, right)
        }
    }

    /// input `[H, W, C]`, weights `[kh, kw, C / groups, out]`, bias `[out]` → `[OH, OW, out]`.
    public static func conv2D(_ input: Tensor, weights: Tensor, bias: Tensor, stride: Int, padding: Padding,
                              groups: Int = 1, activation: Activation) -> (shape: Shape, values: [Double]) {
        let (h, w, c) = (input.shape[0], input.shape[1], input.shape[2])
        let (kh, kw, inPerGroup, outChannels) = (weights.shape[0], weights.shape[1], weights.shape[2], weights.shape[3])
        let outPerGroup = outChannels / groups
        let pad = Self.padding(padding, height: h, width: w, kernelHeight: kh, kernelWidth: kw, stride: stride)
        let oh = (h + pad.top + pad.bottom - kh) / stride + 1
        let ow = (w + pad.left + pad.right - kw) / stride + 1
        precondition(c == inPerGroup * groups)
        var out = [Double](repeating: 0, count: oh * ow * outChannels)
        for oy in 0..<oh {
            for ox in 0..<ow {
                for o in 0..<outChannels {
                    let group = o / outPerGroup
                    var sum = Double(bias[o])
                    for ky in 0..<kh {
                        for kx in 0..<kw {
                            let iy = oy * stride + ky - pad.top, ix = ox * stride + kx - pad.left
                            guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                            for i in 0..<inPerGroup {
                                sum += Double(input[iy, ix, group * inPerGroup + i]) * Double(weights[ky, kx, i, o])
                            }
                        }
                    }
                    out[(oy * ow + ox) * outChannels + o] = activate(sum, activation)
                }
            }
        }
        return (Shape(oh, ow, outChannels), out)
    }

    /// `a [M, K]` times `b [K, N]` plus `bias [N]`, then the activation → `[M, N]`.
    public static func matrixProduct(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int, bias: [Float]?,
                                     activation: Activation) -> [Double] {
        var out = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = bias.map { Double($0[j]) } ?? 0
                for p in 0..<k { sum += Double(a[i * k + p]) * Double(b[p * n + j]) }
                out[i * n + j] = activate(sum, activation)
            }
        }
        return out
    }

    /// y = activation(W x + b) with W `[in, out]` (inputMajor) or `[out, in]` (outputMajor).
    public static func dense(_ x: Tensor, weights: Tensor, layout: Dense.WeightLayout, bias: Tensor,
                             activation: Activation) -> [Double] {
        let (inputs, outputs) = layout == .inputMajor
            ? (weights.shape[0], weights.shape[1]) : (weights.shape[1], weights.shape[0])
        return (0..<outputs).map { o in
            var sum = Double(bias[o])
            for i in 0..<inputs {
                let weight = layout == .inputMajor ? weights[i, o] : weights[o, i]
                sum += Double(x.data[i]) * Double(weight)
            }
            return activate(sum, activation)
        }
    }

    /// Max over each window of `[H, W, C]`, ignoring positions in the padding.
    public static func maxPool(_ input: Tensor, kernel: Int, stride: Int, padding: Padding) -> (shape: Shape, values: [Double]) {
        let (h, w, c) = (input.shape[0], input.shape[1], input.shape[2])
        let pad = Self.padding(padding, height: h, width: w, kernelHeight: kernel, kernelWidth: kernel, stride: stride)
        let oh = (h + pad.top + pad.bottom - kernel) / stride + 1
        let ow = (w + pad.left + pad.right - kernel) / stride + 1
        var out = [Double](repeating: -.infinity, count: oh * ow * c)
        for oy in 0..<oh {
            for ox in 0..<ow {
                for ch in 0..<c {
                    for ky in 0..<kernel {
                        for kx in 0..<kernel {
                            let iy = oy * stride + ky - pad.top, ix = ox * stride + kx - pad.left
                            guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                            out[(oy * ow + ox) * c + ch] = max(out[(oy * ow + ox) * c + ch], Double(input[iy, ix, ch]))
                        }
                    }
                }
            }
        }
        return (Shape(oh, ow, c), out)
    }

    /// TensorFlow's `tf.nn.local_response_normalization` on `[H, W, C]`:
    /// sqr_sum[c] = sum of x[c']^2 for c' in c-r ... c+r; y = x / (bias + alpha * sqr_sum)^beta.
    public static func lrnTensorFlow(_ input: Tensor, depthRadius r: Int, bias: Double, alpha: Double,
                                     beta: Double) -> [Double] {
        let c = input.shape[2]
        return (0..<input.count).map { index in
            let pixel = index / c, channel = index % c
            var sum = 0.0
            for other in max(channel - r, 0)...min(channel + r, c - 1) {
                let x = Double(input.data[pixel * c + other])
                sum += x * x
            }
            return Double(input.data[index]) / pow(bias + alpha * sum, beta)
        }
    }

    /// PyTorch's `nn.LocalResponseNorm(size, alpha, beta, k)` written as PyTorch computes it:
    /// squares zero-padded by size/2 channels before and (size-1)/2 after, averaged over windows
    /// of `size`; y = x / (k + alpha * average)^beta.
    public static func lrnPyTorch(_ input: Tensor, size: Int, k: Double, alpha: Double, beta: Double) -> [Double] {
        let c = input.shape[2]
        let before = size / 2, after = (size - 1) / 2
        return (0..<input.count).map { index in
            let pixel = index / c, channel = index % c
            var padded = [Double](repeating: 0, count: before + c + after)
            for other in 0..<c {
                let x = Double(input.data[pixel * c + other])
                padded[before + other] = x * x
            }
            let average = padded[channel..<(channel + size)].reduce(0, +) / Double(size)
            return Double(input.data[index]) / pow(k + alpha * average, beta)
        }
    }

    /// PyTorch's `adaptive_avg_pool2d` on `[H, W, C]`: start floor(i*H/OH), end ceil((i+1)*H/OH).
    public static func adaptiveAveragePool(_ input: Tensor, outputHeight oh: Int, outputWidth ow: Int) -> [Double] {
        let (h, w, c) = (input.shape[0], input.shape[1], input.shape[2])
        var out = [Double](repeating: 0, count: oh * ow * c)
        for oy in 0..<oh {
            let y0 = Int((Double(oy * h) / Double(oh)).rounded(.down))
            let y1 = Int((Double((oy + 1) * h) / Double(oh)).rounded(.up))
            for ox in 0..<ow {
                let x0 = Int((Double(ox * w) / Double(ow)).rounded(.down))
                let x1 = Int((Double((ox + 1) * w) / Double(ow)).rounded(.up))
                for ch in 0..<c {
                    var sum = 0.0
                    for y in y0..<y1 { for x in x0..<x1 { sum += Double(input[y, x, ch]) } }
                    out[(oy * ow + ox) * c + ch] = sum / Double((y1 - y0) * (x1 - x0))
                }
            }
        }
        return out
    }

    /// `[H, W, C]` read in C, H, W order (PyTorch's flatten of NCHW).
    public static func flattenChannelsFirst(_ input: Tensor) -> [Double] {
        let (h, w, c) = (input.shape[0], input.shape[1], input.shape[2])
        var out: [Double] = []
        for ch in 0..<c { for y in 0..<h { for x in 0..<w { out.append(Double(input[y, x, ch])) } } }
        return out
    }

    /// exp(x_i) / sum_j exp(x_j), in double precision.
    public static func softmax(_ logits: [Float]) -> [Double] {
        let largest = Double(logits.max() ?? 0)
        let exponentials = logits.map { exp(Double($0) - largest) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }
}
