/// Pooling over the spatial axes of an `[H, W, C]` feature map, vectorised across channels.
enum Pooling {
    /// Max over each window; the window is clipped to the image, so a padded cell never wins
    /// (TensorFlow's and PyTorch's semantics). Every window must hold at least one real cell.
    /// - Parameters: input `[height, width, channels]`; output `[OH, OW, channels]`.
    static func max(_ input: UnsafePointer<Float>, height: Int, width: Int, channels: Int,
                    geometry: WindowGeometry, into output: UnsafeMutablePointer<Float>) {
        let pad = geometry.padAmounts(height: height, width: width)
        let size = geometry.outputSize(height: height, width: width)
        let work = MaxPoolWork(input: input, height: height, width: width, channels: channels, geometry: geometry,
                               padTop: pad.top, padLeft: pad.left, outputHeight: size.height,
                               outputWidth: size.width, output: output)
        // One output row per chunk.
        work.run(chunks: size.height,
                 operations: size.height * size.width * channels * geometry.kernelHeight * geometry.kernelWidth)
    }

    /// PyTorch's adaptive average pooling: output cell (i, j) averages input rows
    /// floor(i * H / OH) ..< ceil((i + 1) * H / OH) and the same for columns.
    /// - Parameters: input `[height, width, channels]`; output `[outputHeight, outputWidth, channels]`.
    static func adaptiveAverage(_ input: UnsafePointer<Float>, height: Int, width: Int, channels: Int,
                                outputHeight: Int, outputWidth: Int, into output: UnsafeMutablePointer<Float>) {
        let vectorEnd = channels / Vector.scalarCount * Vector.scalarCount
        for oy in 0..<outputHeight {
            let rows = adaptiveWindow(oy, input: height, output: outputHeight)
            for ox in 0..<outputWidth {
                let columns = adaptiveWindow(ox, input: width, output: outputWidth)
                let scale = 1 / Float(rows.count * columns.count)
                let y = output + (oy * outputWidth + ox) * channels
                var c = 0
                while c < vectorEnd {
                    var sum = Vector()
                    for iy in rows {
                        for ix in columns { sum += input.loadVector(at: (iy * width + ix) * channels + c) }
                    }
                    y.storeVector(sum * scale, at: c)
                    c += Vector.scalarCount
                }
                while c < channels {
                    var sum: Float = 0
                    for iy in rows {
                        for ix in columns { sum += input[(iy * width + ix) * channels + c] }
                    }
                    y[c] = sum * scale
                    c += 1
                }
            }
        }
    }

    /// Input indices pooled into output index `index` of `output` (never empty).
    static func adaptiveWindow(_ index: Int, input: Int, output: Int) -> Range<Int> {
        (index * input / output)..<(((index + 1) * input + output - 1) / output)
    }
}

/// Max pooling of one output row per chunk.
private struct MaxPoolWork: ChunkedWork {
    let input: UnsafePointer<Float>
    let height, width, channels: Int
    let geometry: WindowGeometry
    let padTop, padLeft: Int
    let outputHeight, outputWidth: Int
    let output: UnsafeMutablePointer<Float>

    func run(chunk oy: Int, worker: Int) {
        let vectorEnd = channels / Vector.scalarCount * Vector.scalarCount
        let top = oy * geometry.strideHeight - padTop
        let rows = max(top, 0)..<min(top + geometry.kernelHeight, height)
        for ox in 0..<outputWidth {
            let left = ox * geometry.strideWidth - padLeft
            let columns = max(left, 0)..<min(left + geometry.kernelWidth, width)
            let y = output + (oy * outputWidth + ox) * channels
            let first = input + (rows.lowerBound * width + columns.lowerBound) * channels
            var c = 0
            while c < vectorEnd {
                var best = first.loadVector(at: c)
                for iy in rows {
                    for ix in columns {
                        best = maximum(best, input.loadVector(at: (iy &* width &+ ix) &* channels &+ c))
                    }
                }
                y.storeVector(best, at: c)
                c += Vector.scalarCount
            }
            while c < channels {
                var best = first[c]
                for iy in rows {
                    for ix in columns { best = max(best, input[(iy * width + ix) * channels + c]) }
                }
                y[c] = best
                c += 1
            }
        }
    }
}
