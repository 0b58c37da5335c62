/// 3x3 stride-1 convolution by Winograd's minimal filtering F(2x2, 3x3) (Lavin & Gray, 2015):
/// each 2x2 block of output comes from a 4x4 block of input with 16 multiplies per channel pair
/// instead of 36, so the matrix products do 2.25x fewer multiply-adds than the direct
/// convolution. The arithmetic is the same convolution; only the float32 rounding differs (the
/// transforms add and subtract, with coefficients 1 and 1/2), and a NaN or infinity in the input
/// reaches all four outputs of every tile whose 4x4 block holds it, a pixel further than the
/// direct convolution's windows would take it (infinity minus infinity is NaN).
///
///     input    [H, W, Cin]      tiles of 4x4, overlapping by 2, zero outside the padded image
///     V        [16, T, Cin]     V = Bᵀ d B per tile and channel   (T = ceil(OH/2) * ceil(OW/2))
///     U        [16, Cin, Cout]  U = G g Gᵀ per filter, packed once (`WinogradFilters`)
///     M        [16, T, Cout]    M[ξ] = V[ξ] * U[ξ], sixteen matrix products
///     output   [OH, OW, Cout]   Y = Aᵀ M A per tile, + bias, activation
///
/// Measured on seed's conv3-5 (14x14x384) and alexnet's (13x13): see BENCHMARKS.md.
extension ConvolutionPlan {
    var tileRows: Int { (outputHeight + 1) / 2 }
    var tileColumns: Int { (outputWidth + 1) / 2 }
    var tileCount: Int { tileRows * tileColumns }

    /// Workspace floats of the Winograd path: V, M, then each worker's GEMM scratch.
    var winogradWorkspaceFloats: Int {
        16 * tileCount * (inputChannels + outputChannels) + workerCount * GEMM.scratchFloats
    }

    /// Runs the convolution through Winograd's transforms; `filters` from `WinogradFilters`.
    /// - Parameters: input `[inputHeight, inputWidth, inputChannels]`, output `[outputHeight,
    ///   outputWidth, outputChannels]`, workspace `winogradWorkspaceFloats` floats.
    func convolveWinograd(_ input: UnsafePointer<Float>, filters: WinogradFilters, activation: Activation,
                          into output: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>) {
        let transformed = workspace
        let products = workspace + 16 * tileCount * inputChannels
        let scratch = products + 16 * tileCount * outputChannels
        let tileWork = tileCount * 16 * (inputChannels + outputChannels)
        WinogradInputTransform(plan: self, input: input, transformed: transformed)
            .run(chunks: tileRows, operations: tileWork)
        // One product per chunk: V[ξ] stays in the cache across all of U[ξ]'s panels (measured 5-7%
        // faster than chunks of 1, 2 or 4 panels on seed's and alexnet's conv3-5).
        WinogradProducts(plan: self, filters: filters, transformed: UnsafePointer(transformed), products: products,
                         scratch: scratch)
            .run(chunks: 16, operations: 16 * tileCount * inputChannels * outputChannels)
        WinogradOutputTransform(plan: self, products: UnsafePointer(products), bias: filters.bias,
                                activation: activation, output: output)
            .run(chunks: tileRows, operations: tileWork)
    }

    /// V for the tiles of tile row `tileRow`: each 4x4 block of input d (zero beyond the image)
    /// becomes Bᵀ d B, 16 channels at a time.
    fileprivate func transformInput(tileRow: Int, _ input: UnsafePointer<Float>,
                                    into transformed: UnsafeMutablePointer<Float>) {
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
    fileprivate func transformOutput(tileRow: Int, _ products: UnsafePointer<Float>, bias: UnsafePointer<Float>,
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

/// 16 floats, or the first `count` of them with zeros after.
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

/// A 3x3 layer's filters in Winograd's domain: U[ξ] = (G g Gᵀ)[ξ] for ξ = 4 * row + column,
/// each a `[Cin, Cout]` matrix packed for the GEMM kernel, with
/// G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1].
// Unchecked: filled in `init`, only read afterwards, from any thread.
final class WinogradFilters: @unchecked Sendable {
    let matrices: [PackedMatrix]
    /// `[Cout]`
    let bias: UnsafePointer<Float>

    /// - Parameters: weights `[3, 3, inputs, outputs]` (HWIO), bias `[outputs]`.
    init(weights: UnsafePointer<Float>, inputs: Int, outputs: Int, bias: UnsafePointer<Float>) {
        self.bias = bias
        let g: [[Float]] = [[1, 0, 0], [0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0, 0, 1]]
        let pairs = inputs * outputs
        // One U at a time, so the unpacked copy costs a sixteenth of the transformed filters.
        let matrix = UnsafeMutablePointer<Float>.allocate(capacity: pairs)
        defer { matrix.deallocate() }
        matrices = (0..<16).map { index in
            let (row, column) = (index / 4, index % 4)
            // U[row, column] = sum over taps (kh, kw) of G[row, kh] * G[column, kw] * g[kh, kw],
            // for every (in, out) pair at once: HWIO keeps each tap's pairs contiguous. The
            // coefficients are 0, ±1/4, ±1/2 or 1, so every product is exact.
            matrix.initialize(repeating: 0, count: pairs)
            for kh in 0..<3 {
                for kw in 0..<3 where g[row][kh] * g[column][kw] != 0 {
                    addScaled(weights + (kh * 3 + kw) * pairs, by: g[row][kh] * g[column][kw], to: matrix, count: pairs)
                }
            }
            return PackedMatrix(matrix, rows: inputs, columns: outputs, ldb: outputs, bias: nil)
        }
    }
}

/// destination += scale * source, over `count` floats.
private func addScaled(_ source: UnsafePointer<Float>, by scale: Float, to destination: UnsafeMutablePointer<Float>,
                       count: Int) {
    let factor = Vector(repeating: scale)
    var index = 0
    while index + Vector.scalarCount <= count {
        destination.storeVector(destination.loadVector(at: index).addingProduct(factor, source.loadVector(at: index)),
                                at: index)
        index += Vector.scalarCount
    }
    while index < count {
        destination[index] += scale * source[index]
        index += 1
    }
}

private struct WinogradInputTransform: ChunkedWork {
    let plan: ConvolutionPlan
    let input: UnsafePointer<Float>
    let transformed: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        plan.transformInput(tileRow: chunk, input, into: transformed)
    }
}

/// Chunk ξ: M[ξ] = V[ξ] * U[ξ].
private struct WinogradProducts: ChunkedWork {
    let plan: ConvolutionPlan
    let filters: WinogradFilters
    let transformed: UnsafePointer<Float>
    let products: UnsafeMutablePointer<Float>
    /// `[workerCount, GEMM.scratchFloats]`
    let scratch: UnsafeMutablePointer<Float>

    func run(chunk index: Int, worker: Int) {
        let tiles = plan.tileCount
        GEMM.multiply(MatrixRows(transformed + index * tiles * plan.inputChannels, lda: plan.inputChannels,
                                 depth: plan.inputChannels),
                      rows: 0..<tiles, by: filters.matrices[index], activation: .identity,
                      into: products + index * tiles * plan.outputChannels, ldc: plan.outputChannels,
                      scratch: scratch + worker * GEMM.scratchFloats)
    }
}

private struct WinogradOutputTransform: ChunkedWork {
    let plan: ConvolutionPlan
    let products: UnsafePointer<Float>
    let bias: UnsafePointer<Float>
    let activation: Activation
    let output: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        plan.transformOutput(tileRow: chunk, products, bias: bias, activation: activation, into: output)
    }
}
