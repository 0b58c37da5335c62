import Dispatch

/// Image resizing with PIL's antialiased bilinear filter (`Image.resize(size, Image.BILINEAR)`,
/// which torchvision's `Resize` calls on PIL images).
///
/// The filter is the triangle `max(0, 1 - |x|)`; when shrinking by a factor `s` its support is
/// widened to `s` input pixels on each side so that every input pixel contributes (antialiasing),
/// when enlarging it is plain bilinear interpolation. Weights are computed in double precision
/// exactly as PIL's `precompute_coeffs` does, then applied in float32 in two separable passes,
/// horizontal first as PIL does. Unlike PIL on 8-bit images, the intermediate and the result are
/// not rounded to integers: the output is the exact filter response (PIL's differs from it by at
/// most about one 8-bit step).
public enum ImageResize {
    /// The window `rows` x `columns` of `image` resized to `height` x `width`, with samples scaled
    /// to [0, 1] by `1 / image.maxValue`: `[rows.count, columns.count, image.channels]`.
    ///
    /// Computing only a window is the same as resizing the whole image and cropping it, without
    /// the cost of the pixels the crop throws away.
    ///
    /// `bandBytes` bounds the intermediate buffer (see below); tests make it small to force bands.
    public static func bilinear(_ image: NetpbmImage, height: Int, width: Int,
                                rows: Range<Int>, columns: Range<Int>,
                                bandBytes: Int = 8 << 20) -> Tensor {
        precondition(height > 0 && width > 0 && rows.lowerBound >= 0 && rows.upperBound <= height
                     && columns.lowerBound >= 0 && columns.upperBound <= width && !rows.isEmpty
                     && !columns.isEmpty, "window \(rows) x \(columns) of \(height)x\(width)")
        // The 1 / maxval scaling is folded into the horizontal weights: no float copy of the image.
        let horizontal = ResampleWeights(inputSize: image.width, outputSize: width,
                                         outputs: columns, scale: 1 / Double(image.maxValue))
        let vertical = ResampleWeights(inputSize: image.height, outputSize: height, outputs: rows)
        let channels = image.channels
        let rowFloats = columns.count * channels

        // The horizontal pass's result, [input rows, columns.count, channels], is made a band of
        // output rows at a time, each band needing at most `bandBytes` (8 MB): the largest image's 16384
        // rows would otherwise take 44 MB on top of its samples. Rows shared by two bands are
        // computed twice (about 5% more work for the largest image; small images are one band).
        let bands = vertical.bands(maxInputRows: max(1, bandBytes / (rowFloats * MemoryLayout<Float>.size)))
        let capacity = bands.map(\.inputs.count).max()! * rowFloats
        let intermediate = UnsafeMutablePointer<Float>.allocate(capacity: capacity)
        defer { intermediate.deallocate() }
        let output = Tensor(zeros: Shape(rows.count, columns.count, channels))
        let result = output.data
        image.samples.withUnsafeBufferPointer { samples in
            let source = samples.baseAddress!
            let rowSamples = image.width * channels
            for band in bands {
                let inputRows = band.inputs
                inParallel(inputRows.count, work: inputRows.count * rowFloats * horizontal.taps) { range in
                    for row in range {
                        horizontal.apply(source + (inputRows.lowerBound + row) * rowSamples,
                                         into: intermediate + row * rowFloats, channels: channels)
                    }
                }
                inParallel(band.outputs.count, work: band.outputs.count * rowFloats * vertical.taps) { range in
                    for index in range {
                        let row = band.outputs.lowerBound + index
                        vertical.apply(rows: intermediate, firstRow: inputRows.lowerBound, output: row,
                                       rowFloats: rowFloats, into: result + row * rowFloats)
                    }
                }
            }
        }
        return output
    }
}

/// The filter weights of one axis: for each output index in `outputs`, the inputs
/// `first[i] ..< first[i] + count[i]` and their weights `weights[i * taps ..< i * taps + count[i]]`.
struct ResampleWeights {
    /// Widest filter, in input pixels; the row stride of `weights`.
    let taps: Int
    let first: [Int]
    let count: [Int]
    /// `[outputs.count, taps]`, normalised to sum to `scale`.
    let weights: [Float]

    /// PIL's `precompute_coeffs` for the bilinear filter (support 1) and the whole input
    /// (`box = (0, inputSize)`), evaluated for the outputs in `outputs` only.
    init(inputSize: Int, outputSize: Int, outputs: Range<Int>, scale: Double = 1) {
        let step = Double(inputSize) / Double(outputSize)
        let filterScale = max(step, 1)
        let support = filterScale   // bilinear support 1, widened when shrinking
        let taps = Int(support.rounded(.up)) * 2 + 1
        var first = [Int](), count = [Int]()
        var weights = [Float](repeating: 0, count: outputs.count * taps)
        var row = [Double](repeating: 0, count: taps)
        for (index, output) in outputs.enumerated() {
            let center = (Double(output) + 0.5) * step
            // C's (int) truncation, as in PIL; negatives are clamped to 0 just after.
            let low = max(Int(center - support + 0.5), 0)
            let high = min(Int(center + support + 0.5), inputSize)
            var sum = 0.0
            for tap in 0..<(high - low) {
                let x = abs((Double(tap + low) - center + 0.5) / filterScale)
                row[tap] = x < 1 ? 1 - x : 0
                sum += row[tap]
            }
            for tap in 0..<(high - low) {
                weights[index * taps + tap] = Float((sum != 0 ? row[tap] / sum : row[tap]) * scale)
            }
            first.append(low)
            count.append(high - low)
        }
        self.taps = taps
        self.first = first
        self.count = count
        self.weights = weights
    }

    /// Consecutive runs of outputs (indices into `first`), each with the input range it reads,
    /// that read at most `maxInputRows` inputs each (a single output may read more).
    func bands(maxInputRows: Int) -> [(outputs: Range<Int>, inputs: Range<Int>)] {
        var bands: [(outputs: Range<Int>, inputs: Range<Int>)] = []
        var start = 0
        while start < first.count {
            var low = first[start], high = first[start] + count[start], end = start + 1
            while end < first.count {
                let nextLow = min(low, first[end]), nextHigh = max(high, first[end] + count[end])
                guard nextHigh - nextLow <= maxInputRows else { break }
                (low, high, end) = (nextLow, nextHigh, end + 1)
            }
            bands.append((start..<end, low..<high))
            start = end
        }
        return bands
    }

    /// One row along this axis: `source` holds input pixels of `channels` samples, `destination`
    /// receives `first.count` output pixels.
    func apply(_ source: UnsafePointer<UInt16>, into destination: UnsafeMutablePointer<Float>,
               channels: Int) {
        weights.withUnsafeBufferPointer { weights in
            for output in 0..<first.count {
                let w = weights.baseAddress! + output * taps
                let pixel = source + first[output] * channels
                if channels == 3 {
                    var sum = SIMD4<Float>()
                    for tap in 0..<count[output] {
                        let p = pixel + tap * 3
                        sum += w[tap] * SIMD4(Float(p[0]), Float(p[1]), Float(p[2]), 0)
                    }
                    destination[output * 3] = sum[0]
                    destination[output * 3 + 1] = sum[1]
                    destination[output * 3 + 2] = sum[2]
                } else {
                    var sum: Float = 0
                    for tap in 0..<count[output] { sum += w[tap] * Float(pixel[tap]) }
                    destination[output] = sum
                }
            }
        }
    }

    /// Output row `output` along this (vertical) axis: a weighted sum of whole input rows of
    /// `rowFloats` floats, `rows` starting with input row `firstRow`. Vectorised along the row.
    func apply(rows: UnsafeMutablePointer<Float>, firstRow: Int, output: Int, rowFloats: Int,
               into destination: UnsafeMutablePointer<Float>) {
        weights.withUnsafeBufferPointer { weights in
            let w = weights.baseAddress! + output * taps
            let top = rows + (first[output] - firstRow) * rowFloats
            let taps = count[output]
            var x = 0
            while x + 16 <= rowFloats {
                var sum = SIMD16<Float>()
                for tap in 0..<taps {
                    let values = UnsafeRawPointer(top + tap * rowFloats + x)
                        .loadUnaligned(as: SIMD16<Float>.self)
                    sum.addProduct(SIMD16(repeating: w[tap]), values)
                }
                UnsafeMutableRawPointer(destination + x).storeBytes(of: sum, as: SIMD16<Float>.self)
                x += 16
            }
            while x < rowFloats {
                var sum: Float = 0
                for tap in 0..<taps { sum += w[tap] * top[tap * rowFloats + x] }
                destination[x] = sum
                x += 1
            }
        }
    }
}

/// Runs `body` over `0..<count` split across the kernel threads when `work` (multiply-adds) is
/// large enough to repay the hand-off; small images stay on the calling thread.
private func inParallel(_ count: Int, work: Int, _ body: (Range<Int>) -> Void) {
    let parts = work >= 1 << 21 ? min(kernelThreadCount, count) : 1
    guard parts > 1 else { return body(0..<count) }
    // The parts write disjoint rows and `concurrentPerform` returns only when all are done.
    nonisolated(unsafe) let body = body
    DispatchQueue.concurrentPerform(iterations: parts) { part in
        body(count * part / parts ..< count * (part + 1) / parts)
    }
}
