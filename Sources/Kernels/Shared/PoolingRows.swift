import KernelSupport

// Pooling over the spatial axes of an `[H, W, C]` feature map, vectorised across channels (the
// engine's `Ops/Pooling.swift` shares the rows between threads).

/// Max pooling of output row `oy`: the window is clipped to the image, so a padded cell never
/// wins (TensorFlow's and PyTorch's semantics).
func maxPoolRow(_ window: PoolingWindow, row oy: Int, _ input: UnsafePointer<Float>,
                into output: UnsafeMutablePointer<Float>) {
    let channels = window.channels, width = window.width
    let lanes = Vector.scalarCount
    let top = oy * window.strideHeight - window.padTop
    let rows = max(top, 0)..<min(top + window.kernelHeight, window.height)
    for ox in 0..<window.outputWidth {
        let left = ox * window.strideWidth - window.padLeft
        let columns = max(left, 0)..<min(left + window.kernelWidth, width)
        let y = output + (oy * window.outputWidth + ox) * channels
        let first = input + (rows.lowerBound * width + columns.lowerBound) * channels
        // Four channel vectors at a time: each is a chain of dependent maxima as long as the
        // window, and four chains keep the vector unit busy where one waits on each maximum.
        var c = 0
        while c &+ 4 &* lanes <= channels {
            var best0 = first.loadVector(at: c), best1 = first.loadVector(at: c &+ lanes)
            var best2 = first.loadVector(at: c &+ 2 &* lanes), best3 = first.loadVector(at: c &+ 3 &* lanes)
            for iy in rows {
                for ix in columns {
                    let cell = input + ((iy &* width &+ ix) &* channels &+ c)
                    best0 = maximum(best0, cell.loadVector())
                    best1 = maximum(best1, cell.loadVector(at: lanes))
                    best2 = maximum(best2, cell.loadVector(at: 2 &* lanes))
                    best3 = maximum(best3, cell.loadVector(at: 3 &* lanes))
                }
            }
            y.storeVector(best0, at: c)
            y.storeVector(best1, at: c &+ lanes)
            y.storeVector(best2, at: c &+ 2 &* lanes)
            y.storeVector(best3, at: c &+ 3 &* lanes)
            c &+= 4 &* lanes
        }
        while c &+ lanes <= channels {
            var best = first.loadVector(at: c)
            for iy in rows {
                for ix in columns {
                    best = maximum(best, input.loadVector(at: (iy &* width &+ ix) &* channels &+ c))
                }
            }
            y.storeVector(best, at: c)
            c &+= lanes
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

/// PyTorch's adaptive average pooling (`adaptiveWindow`).
/// - Parameters: input `[height, width, channels]`; output `[outputHeight, outputWidth, channels]`.
func adaptiveAverage(_ input: UnsafePointer<Float>, height: Int, width: Int, channels: Int,
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
