import KernelSupport

// The transforms of Winograd's F(2x2, 3x3), F(2x2, 5x5) and F(4x4, 3x3) (the algorithm and the
// layouts are described in the engine's `Ops/Winograd.swift`), a vector of channels at a time.
extension WinogradTiling {
    /// V for the tiles of tile row `tileRow`, from `transformed` (the row's first tile in the
    /// batch's V): each block of input d (zero beyond the image) becomes Bᵀ d B, stored as
    /// V[blockSize * row + column][tile][channel].
    func transformInput(tileRow: Int, _ input: UnsafePointer<Float>, into transformed: UnsafeMutablePointer<Float>) {
        if blockSize == 4 {
            transformInput(TwoByTwoOfThree.self, tileRow: tileRow, input, into: transformed)
        } else if kernelSize == 5 {
            transformInput(TwoByTwoOfFive.self, tileRow: tileRow, input, into: transformed)
        } else {
            transformInput(FourByFourOfThree.self, tileRow: tileRow, input, into: transformed)
        }
    }

    /// The output pixels of tile row `tileRow` from its products M, from `products` (the row's first
    /// tile in the batch's M): Y = Aᵀ M A + bias, then the activation; the rows and columns of a
    /// tile past the map's edge are dropped.
    func transformOutput(tileRow: Int, _ products: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                         activation: Activation, into output: UnsafeMutablePointer<Float>) {
        if blockSize == 4 {
            transformOutput(TwoByTwoOfThree.self, tileRow: tileRow, products, bias: bias, activation: activation,
                            into: output)
        } else if kernelSize == 5 {
            transformOutput(TwoByTwoOfFive.self, tileRow: tileRow, products, bias: bias, activation: activation,
                            into: output)
        } else {
            transformOutput(FourByFourOfThree.self, tileRow: tileRow, products, bias: bias, activation: activation,
                            into: output)
        }
    }

    @inline(__always)
    private func transformInput<Block: WinogradBlock>(_ block: Block.Type, tileRow: Int, _ input: UnsafePointer<Float>,
                                                      into transformed: UnsafeMutablePointer<Float>) {
        let side = Block.side
        // The block is gathered first (zero outside the image), so that the transform itself is
        // straight-line arithmetic on registers, not interleaved with the bounds tests.
        withUnsafeTemporaryAllocation(of: Vector.self, capacity: side * side) { buffer in
            let d = buffer.baseAddress!
            for tileColumn in 0..<tileColumns {
                let top = outputTile * tileRow - padTop, left = outputTile * tileColumn - padLeft
                var channel = 0
                while channel < inputChannels {
                    let lanes = min(Vector.scalarCount, inputChannels - channel)
                    for row in 0..<side {
                        let y = top + row
                        for column in 0..<side {
                            let x = left + column
                            d[row * side + column] = y >= 0 && y < inputHeight && x >= 0 && x < inputWidth
                                ? loadChannels(input + (y * inputWidth + x) * inputChannels + channel, count: lanes)
                                : Vector()
                        }
                    }
                    let base = transformed + tileColumn * inputChannels + channel
                    if lanes == Vector.scalarCount {
                        Block.transformInput({ d[$0 * side + $1] }, store: { index, v in
                            (base + index * transformedMatrixStride).storeVector(v)
                        })
                    } else {
                        Block.transformInput({ d[$0 * side + $1] }, store: { index, v in
                            storeChannels(v, to: base + index * transformedMatrixStride, count: lanes)
                        })
                    }
                    channel += lanes
                }
            }
        }
    }

    @inline(__always)
    private func transformOutput<Block: WinogradBlock>(_ block: Block.Type, tileRow: Int,
                                                       _ products: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                                                       activation: Activation,
                                                       into output: UnsafeMutablePointer<Float>) {
        let rows = min(outputTile, outputHeight - outputTile * tileRow)
        for tileColumn in 0..<tileColumns {
            let columns = min(outputTile, outputWidth - outputTile * tileColumn)
            var channel = 0
            while channel < outputChannels {
                let lanes = min(Vector.scalarCount, outputChannels - channel)
                let base = products + tileColumn * outputChannels + channel
                let b = loadChannels(bias + channel, count: lanes)
                let first = (outputTile * tileRow) * outputWidth + outputTile * tileColumn
                Block.transformOutput({ index in
                    loadChannels(base + index * productMatrixStride, count: lanes)
                }, store: { row, column, y in
                    guard row < rows, column < columns else { return }
                    let pixel = output + (first + row * outputWidth + column) * outputChannels + channel
                    storeChannels(activation.apply(y + b), to: pixel, count: lanes)
                })
                channel += lanes
            }
        }
    }
}

/// The two transforms of one Winograd algorithm on a vector of channels: V = Bᵀ d B of a block d
/// of input, and Y = Aᵀ M A of a tile's products M, each matrix written out in full so that the
/// block stays in registers.
private protocol WinogradBlock {
    /// The side of the block of input: 4 or 6.
    static var side: Int { get }
    /// `d(row, column)` reads the block; `store(index, v)` takes V[index], index = side * row + column.
    static func transformInput(_ d: (Int, Int) -> Vector, store: (Int, Vector) -> Void)
    /// `m(index)` reads M[index]; `store(row, column, y)` takes the tile's outputs.
    static func transformOutput(_ m: (Int) -> Vector, store: (Int, Int, Vector) -> Void)
}

/// F(2x2, 3x3): Bᵀ = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1], Aᵀ = [1 1 1 0; 0 1 -1 -1].
private enum TwoByTwoOfThree: WinogradBlock {
    static var side: Int { 4 }

    @inline(__always) static func transformInput(_ d: (Int, Int) -> Vector, store: (Int, Vector) -> Void) {
        // Bᵀ d, a column at a time: c[column].row.
        let c0 = input(d(0, 0), d(1, 0), d(2, 0), d(3, 0))
        let c1 = input(d(0, 1), d(1, 1), d(2, 1), d(3, 1))
        let c2 = input(d(0, 2), d(1, 2), d(2, 2), d(3, 2))
        let c3 = input(d(0, 3), d(1, 3), d(2, 3), d(3, 3))
        // (Bᵀ d) B, a row at a time.
        @inline(__always) func row(_ index: Int, _ v: (Vector, Vector, Vector, Vector)) {
            store(4 * index, v.0); store(4 * index + 1, v.1); store(4 * index + 2, v.2); store(4 * index + 3, v.3)
        }
        row(0, input(c0.0, c1.0, c2.0, c3.0))
        row(1, input(c0.1, c1.1, c2.1, c3.1))
        row(2, input(c0.2, c1.2, c2.2, c3.2))
        row(3, input(c0.3, c1.3, c2.3, c3.3))
    }

    @inline(__always) static func transformOutput(_ m: (Int) -> Vector, store: (Int, Int, Vector) -> Void) {
        // Aᵀ M, a column at a time; then (Aᵀ M) A, a row at a time.
        let c0 = output(m(0), m(4), m(8), m(12))
        let c1 = output(m(1), m(5), m(9), m(13))
        let c2 = output(m(2), m(6), m(10), m(14))
        let c3 = output(m(3), m(7), m(11), m(15))
        let y0 = output(c0.0, c1.0, c2.0, c3.0), y1 = output(c0.1, c1.1, c2.1, c3.1)
        store(0, 0, y0.0); store(0, 1, y0.1); store(1, 0, y1.0); store(1, 1, y1.1)
    }

    @inline(__always) private static func input(_ x0: Vector, _ x1: Vector, _ x2: Vector,
                                                _ x3: Vector) -> (Vector, Vector, Vector, Vector) {
        (x0 - x2, x1 + x2, x2 - x1, x1 - x3)
    }

    @inline(__always) private static func output(_ x0: Vector, _ x1: Vector, _ x2: Vector,
                                                 _ x3: Vector) -> (Vector, Vector) {
        (x0 + x1 + x2, x1 - x2 - x3)
    }
}

/// F(2x2, 5x5), interpolating at 0, 1, -1, 2, -2 and infinity:
///
///     Bᵀ = [4  0 -5  0  1  0      Aᵀ = [1  1  1  1  1  0
///           0 -4 -4  1  1  0            0  1 -1  2 -2  1]
///           0  4 -4 -1  1  0
///           0 -2 -1  2  1  0
///           0  2 -1 -2  1  0
///           0  4  0 -5  0  1]
///
/// (`scripts/winograd_matrices.py` derives them and the engine's G.)
private enum TwoByTwoOfFive: WinogradBlock {
    static var side: Int { 6 }

    @inline(__always) static func transformInput(_ d: (Int, Int) -> Vector, store: (Int, Vector) -> Void) {
        let c0 = input(d(0, 0), d(1, 0), d(2, 0), d(3, 0), d(4, 0), d(5, 0))
        let c1 = input(d(0, 1), d(1, 1), d(2, 1), d(3, 1), d(4, 1), d(5, 1))
        let c2 = input(d(0, 2), d(1, 2), d(2, 2), d(3, 2), d(4, 2), d(5, 2))
        let c3 = input(d(0, 3), d(1, 3), d(2, 3), d(3, 3), d(4, 3), d(5, 3))
        let c4 = input(d(0, 4), d(1, 4), d(2, 4), d(3, 4), d(4, 4), d(5, 4))
        let c5 = input(d(0, 5), d(1, 5), d(2, 5), d(3, 5), d(4, 5), d(5, 5))
        @inline(__always) func row(_ index: Int, _ v: (Vector, Vector, Vector, Vector, Vector, Vector)) {
            store(6 * index, v.0); store(6 * index + 1, v.1); store(6 * index + 2, v.2)
            store(6 * index + 3, v.3); store(6 * index + 4, v.4); store(6 * index + 5, v.5)
        }
        row(0, input(c0.0, c1.0, c2.0, c3.0, c4.0, c5.0))
        row(1, input(c0.1, c1.1, c2.1, c3.1, c4.1, c5.1))
        row(2, input(c0.2, c1.2, c2.2, c3.2, c4.2, c5.2))
        row(3, input(c0.3, c1.3, c2.3, c3.3, c4.3, c5.3))
        row(4, input(c0.4, c1.4, c2.4, c3.4, c4.4, c5.4))
        row(5, input(c0.5, c1.5, c2.5, c3.5, c4.5, c5.5))
    }

    @inline(__always) static func transformOutput(_ m: (Int) -> Vector, store: (Int, Int, Vector) -> Void) {
        let (c0, c1, c2, c3, c4, c5) = columnsOfSix(m, output)
        let y0 = output(c0.0, c1.0, c2.0, c3.0, c4.0, c5.0), y1 = output(c0.1, c1.1, c2.1, c3.1, c4.1, c5.1)
        store(0, 0, y0.0); store(0, 1, y0.1); store(1, 0, y1.0); store(1, 1, y1.1)
    }

    /// Bᵀ x, sharing the sums rows 1-4 have in common.
    @inline(__always) private static func input(_ x0: Vector, _ x1: Vector, _ x2: Vector, _ x3: Vector, _ x4: Vector,
                                                _ x5: Vector) -> (Vector, Vector, Vector, Vector, Vector, Vector) {
        let four = Vector(repeating: 4), five = Vector(repeating: 5)
        let evens = x4 - four * x2, odds = x3 - four * x1
        let near = x4 - x2, far = (x3 - x1) + (x3 - x1)
        return (four * x0 - five * x2 + x4, evens + odds, evens - odds, near + far, near - far,
                four * x1 - five * x3 + x5)
    }

    /// Aᵀ x.
    @inline(__always) private static func output(_ x0: Vector, _ x1: Vector, _ x2: Vector, _ x3: Vector, _ x4: Vector,
                                                 _ x5: Vector) -> (Vector, Vector) {
        let difference = x3 - x4
        return (x0 + x1 + x2 + x3 + x4, x1 - x2 + difference + difference + x5)
    }
}

/// F(4x4, 3x3), interpolating at the same points as F(2x2, 5x5), so with the same Bᵀ:
///
///     Aᵀ = [1  1  1  1  1  0
///           0  1 -1  2 -2  0
///           0  1  1  4  4  0
///           0  1 -1  8 -8  1]
private enum FourByFourOfThree: WinogradBlock {
    static var side: Int { 6 }

    @inline(__always) static func transformInput(_ d: (Int, Int) -> Vector, store: (Int, Vector) -> Void) {
        TwoByTwoOfFive.transformInput(d, store: store)
    }

    @inline(__always) static func transformOutput(_ m: (Int) -> Vector, store: (Int, Int, Vector) -> Void) {
        // Aᵀ M, a column at a time; then (Aᵀ M) A, a row at a time.
        let (c0, c1, c2, c3, c4, c5) = columnsOfSix(m, output)
        @inline(__always) func row(_ index: Int, _ y: (Vector, Vector, Vector, Vector)) {
            store(index, 0, y.0); store(index, 1, y.1); store(index, 2, y.2); store(index, 3, y.3)
        }
        row(0, output(c0.0, c1.0, c2.0, c3.0, c4.0, c5.0))
        row(1, output(c0.1, c1.1, c2.1, c3.1, c4.1, c5.1))
        row(2, output(c0.2, c1.2, c2.2, c3.2, c4.2, c5.2))
        row(3, output(c0.3, c1.3, c2.3, c3.3, c4.3, c5.3))
    }

    /// Aᵀ x, from the sums and differences of the pairs at ±1 and ±2.
    @inline(__always) private static func output(_ x0: Vector, _ x1: Vector, _ x2: Vector, _ x3: Vector, _ x4: Vector,
                                                 _ x5: Vector) -> (Vector, Vector, Vector, Vector) {
        let ones = x1 + x2, onesApart = x1 - x2, twos = x3 + x4, twosApart = x3 - x4
        let two = Vector(repeating: 2), four = Vector(repeating: 4), eight = Vector(repeating: 8)
        return (x0 + ones + twos, multiplyAdd(onesApart, two, twosApart), multiplyAdd(ones, four, twos),
                multiplyAdd(onesApart, eight, twosApart) + x5)
    }
}

/// Aᵀ M for a 6x6 M (M[6 * row + column] = `m(index)`), a column at a time: `output` is Aᵀ
/// applied to one column.
@inline(__always) private func columnsOfSix<Column>(
    _ m: (Int) -> Vector, _ output: (Vector, Vector, Vector, Vector, Vector, Vector) -> Column
) -> (Column, Column, Column, Column, Column, Column) {
    (output(m(0), m(6), m(12), m(18), m(24), m(30)), output(m(1), m(7), m(13), m(19), m(25), m(31)),
     output(m(2), m(8), m(14), m(20), m(26), m(32)), output(m(3), m(9), m(15), m(21), m(27), m(33)),
     output(m(4), m(10), m(16), m(22), m(28), m(34)), output(m(5), m(11), m(17), m(23), m(29), m(35)))
}

/// A vector of floats, or the first `count` of them with zeros after.
@inline(__always) private func loadChannels(_ source: UnsafePointer<Float>, count: Int) -> Vector {
    count == Vector.scalarCount ? source.loadVector() : loadFirst(count, from: source)
}

@inline(__always) private func storeChannels(_ vector: Vector, to destination: UnsafeMutablePointer<Float>, count: Int) {
    if count == Vector.scalarCount {
        destination.storeVector(vector)
    } else {
        storeFirst(count, of: vector, to: destination)
    }
}

// The last vector of channels when their count is no multiple of the vector's: out of line, since
// inlined at each of a block's 36 loads and stores its lane loops made the transforms' code ten
// times larger (and slower).
@inline(never) private func loadFirst(_ count: Int, from source: UnsafePointer<Float>) -> Vector {
    var vector = Vector()
    for lane in 0..<count { vector[lane] = source[lane] }
    return vector
}

@inline(never) private func storeFirst(_ count: Int, of vector: Vector, to destination: UnsafeMutablePointer<Float>) {
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
