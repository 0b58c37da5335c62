import KernelSupport

// The transforms of Winograd's F(2x2, 3x3) (the algorithm and the layouts are described in the
// engine's `Ops/Winograd.swift`), a vector of channels at a time.
extension WinogradTiling {
    /// V for the tiles of tile row `tileRow`: each 4x4 block of input d (zero beyond the image)
    /// becomes Bᵀ d B, a vector of channels at a time.
    func transformInput(tileRow: Int, _ input: UnsafePointer<Float>, into transformed: UnsafeMutablePointer<Float>) {
        let matrixStride = tileCount * inputChannels
        for tileColumn in 0..<tileColumns {
            let tile = tileRow * tileColumns + tileColumn
            let top = 2 * tileRow - padTop, left = 2 * tileColumn - padLeft
            var channel = 0
            while channel < inputChannels {
                let lanes = min(Vector.scalarCount, inputChannels - channel)
                func d(_ row: Int, _ column: Int) -> Vector {
                    let y = top + row, x = left + column
                    guard y >= 0, y < inputHeight, x >= 0, x < inputWidth else { return Vector() }
                    return loadChannels(input + (y * inputWidth + x) * inputChannels + channel, count: lanes)
                }
                // Bᵀ d, a column at a time: t[r][c].
                let c0 = inputTransform(d(0, 0), d(1, 0), d(2, 0), d(3, 0))
                let c1 = inputTransform(d(0, 1), d(1, 1), d(2, 1), d(3, 1))
                let c2 = inputTransform(d(0, 2), d(1, 2), d(2, 2), d(3, 2))
                let c3 = inputTransform(d(0, 3), d(1, 3), d(2, 3), d(3, 3))
                // (Bᵀ d) B, a row at a time, stored as V[4 * row + column][tile][channel].
                let base = transformed + tile * inputChannels + channel
                func store(_ row: Int, _ v: (Vector, Vector, Vector, Vector)) {
                    let first = base + 4 * row * matrixStride
                    storeChannels(v.0, to: first, count: lanes)
                    storeChannels(v.1, to: first + matrixStride, count: lanes)
                    storeChannels(v.2, to: first + 2 * matrixStride, count: lanes)
                    storeChannels(v.3, to: first + 3 * matrixStride, count: lanes)
                }
                store(0, inputTransform(c0.0, c1.0, c2.0, c3.0))
                store(1, inputTransform(c0.1, c1.1, c2.1, c3.1))
                store(2, inputTransform(c0.2, c1.2, c2.2, c3.2))
                store(3, inputTransform(c0.3, c1.3, c2.3, c3.3))
                channel += lanes
            }
        }
    }

    /// The output pixels of tile row `tileRow`: Y = Aᵀ M A + bias, then the activation; the second
    /// row or column of a tile is dropped past an odd edge.
    func transformOutput(tileRow: Int, _ products: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                         activation: Activation, into output: UnsafeMutablePointer<Float>) {
        let matrixStride = tileCount * outputChannels
        let rows = min(2, outputHeight - 2 * tileRow)
        for tileColumn in 0..<tileColumns {
            let tile = tileRow * tileColumns + tileColumn
            let columns = min(2, outputWidth - 2 * tileColumn)
            var channel = 0
            while channel < outputChannels {
                let lanes = min(Vector.scalarCount, outputChannels - channel)
                let base = products + tile * outputChannels + channel
                func m(_ row: Int, _ column: Int) -> Vector {
                    loadChannels(base + (4 * row + column) * matrixStride, count: lanes)
                }
                // Aᵀ M, a column at a time: s[r][c] for r in 0..<2.
                let c0 = outputTransform(m(0, 0), m(1, 0), m(2, 0), m(3, 0))
                let c1 = outputTransform(m(0, 1), m(1, 1), m(2, 1), m(3, 1))
                let c2 = outputTransform(m(0, 2), m(1, 2), m(2, 2), m(3, 2))
                let c3 = outputTransform(m(0, 3), m(1, 3), m(2, 3), m(3, 3))
                // (Aᵀ M) A, a row at a time.
                let b = loadChannels(bias + channel, count: lanes)
                let first = (2 * tileRow) * outputWidth + 2 * tileColumn
                func store(_ row: Int, _ y: (Vector, Vector)) {
                    guard row < rows else { return }
                    let pixel = output + (first + row * outputWidth) * outputChannels + channel
                    storeChannels(activation.apply(y.0 + b), to: pixel, count: lanes)
                    if columns == 2 { storeChannels(activation.apply(y.1 + b), to: pixel + outputChannels, count: lanes) }
                }
                store(0, outputTransform(c0.0, c1.0, c2.0, c3.0))
                store(1, outputTransform(c0.1, c1.1, c2.1, c3.1))
                channel += lanes
            }
        }
    }
}

/// Bᵀ x for Bᵀ = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1].
@inline(__always) private func inputTransform(_ x0: Vector, _ x1: Vector, _ x2: Vector,
                                              _ x3: Vector) -> (Vector, Vector, Vector, Vector) {
    (x0 - x2, x1 + x2, x2 - x1, x1 - x3)
}

/// Aᵀ x for Aᵀ = [1 1 1 0; 0 1 -1 -1].
@inline(__always) private func outputTransform(_ x0: Vector, _ x1: Vector, _ x2: Vector,
                                               _ x3: Vector) -> (Vector, Vector) {
    (x0 + x1 + x2, x1 - x2 - x3)
}

/// A vector of floats, or the first `count` of them with zeros after.
@inline(__always) private func loadChannels(_ source: UnsafePointer<Float>, count: Int) -> Vector {
    if count == Vector.scalarCount { return source.loadVector() }
    var vector = Vector()
    for lane in 0..<count { vector[lane] = source[lane] }
    return vector
}

@inline(__always) private func storeChannels(_ vector: Vector, to destination: UnsafeMutablePointer<Float>, count: Int) {
    if count == Vector.scalarCount { destination.storeVector(vector); return }
    for lane in 0..<count { destination[lane] = vector[lane] }
}

/// destination += scale * source, over `count` floats.
func addScaled(_ source: UnsafePointer<Float>, by scale: Float, to destination: UnsafeMutablePointer<Float>,
                       count: Int) {
    let factor = Vector(repeating: scale)
    var index = 0
    while index + Vector.scalarCount <= count {
        destination.storeVector(multiplyAdd(destination.loadVector(at: index), factor, source.loadVector(at: index)),
                                at: index)
        index += Vector.scalarCount
    }
    while index < count {
        destination[index] += scale * source[index]
        index += 1
    }
}
