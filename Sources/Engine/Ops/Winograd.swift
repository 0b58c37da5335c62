import KernelSupport

/// Stride-1 convolution by Winograd's minimal filtering (Lavin & Gray, 2015): F(2x2, 3x3) for
/// 3x3 filters, F(2x2, 5x5) for 5x5. Each 2x2 block of output comes from a block of input of
/// side s = 4 or 6 with s² multiplies per channel pair instead of 4 x 9 = 36 or 4 x 25 = 100, so
/// the matrix products do 2.25x or 2.78x fewer multiply-adds than the direct convolution (on
/// even maps; an odd edge's half tiles are computed whole). F(4x4, 3x3), 4x4 outputs from a 6x6
/// block (36 multiplies instead of 16 x 9 = 144, 4x fewer), serves the strided convolutions that
/// `SpaceToDepth.swift` turns into 3x3 ones.
///
///     input    [H, W, Cin]       blocks of s x s, overlapping by s - m, zero outside the padded image
///     V        [s², T, Cin]      V = Bᵀ d B per tile and channel   (T = ceil(OH/m) * ceil(OW/m))
///     U        [s², Cin, Cout]   U = G g Gᵀ per filter, packed once (`WinogradFilters`)
///     M        [s², T, Cout]     M[ξ] = V[ξ] * U[ξ], s² matrix products
///     output   [OH, OW, Cout]    Y = Aᵀ M A per tile, + bias, activation
///
/// V and M hold one batch of tile rows at a time (`batchFloats`), their matrices a cache line
/// further apart than they need (`WinogradTiling.transformedMatrixStride`).
///
/// The arithmetic is the same convolution; only the float32 rounding differs. F(2x2, 3x3)'s
/// transforms add and subtract with coefficients 1 and 1/2. F(2x2, 5x5) interpolates at
/// 0, ±1, ±2 and infinity: its B and A have integer coefficients up to 5 (F(4x4, 3x3)'s A up to
/// 8), its G fractions down to 1/24 that float32 rounds, and the products' sums cancel more; on
/// random data its outputs differ from float64 by about 6e-7 of the largest output of a tile
/// (median; F(4x4, 3x3)'s too), against 1e-7 for F(2x2, 3x3) (`scripts/winograd_matrices.py`
/// measures all three). A NaN or infinity in the input reaches every output of every tile whose
/// block holds it, a few pixels further than the direct convolution's windows would take it
/// (infinity minus infinity is NaN).
///
/// Keeping a tile's s² rows together in V and M instead (`[T, s², C]`, the products reading and
/// writing them with a stride) was measured too, one thread on AMD EPYC Zen 4: it made the AVX2 variant's
/// products 3-19% slower (fewer GFLOP per CPU-second) on every Winograd layer, and the AVX-512
/// one's within ±7%.
///
/// F(4x4, 3x3) for the 3x3 layers as well was measured on AMD EPYC family 25 model 17 (Zen 4,
/// alternating whole passes): conv3-5 took 0.78-0.84x the time of F(2x2, 3x3), but U holds 36
/// matrices a layer instead of 16, 31 MB more for seed's conv3-5 (57 MB against 25), and the
/// report's peak resident memory went from 434 to 465 MiB, over the weights + 64 MiB (438) the
/// engine holds itself to. conv1's U, of 48 channels, is 0.7 MB.
///
/// Measured on seed's and alexnet's conv2 (5x5, 27x27) and conv3-5 (3x3, 14x14 and 13x13): see
/// BENCHMARKS.md. The transforms are the kernel variant's (`Kernels/Shared/WinogradTransforms.swift`).
extension ConvolutionPlan {
    /// The tiles, in batches of at most `batchFloats` floats of V and M, and where V and M put them.
    /// - Parameter outputTile: 2, or 4 for F(4x4, 3x3).
    func tiling(outputTile: Int = 2, batchFloats: Int = Self.batchFloats) -> WinogradTiling {
        WinogradTiling(kernelSize: kernelHeight, outputTile: outputTile, inputHeight: inputHeight, inputWidth: inputWidth,
                       inputChannels: inputChannels, outputHeight: outputHeight, outputWidth: outputWidth,
                       outputChannels: outputChannels, padTop: padTop, padLeft: padLeft, batchFloats: batchFloats)
    }

    /// Floats of V and M a batch of tiles may take: 4 MiB. The tiles go through the three steps
    /// in batches of whole tile rows, which bounds the workspace (seed's conv2 would otherwise
    /// take 10 MB, a sixth of the memory the engine may use beside its weights) and keeps a
    /// batch's V and M in the caches between the steps. Measured on AMD EPYC Zen 4, one thread:
    /// against no batches, conv2 1.18x (seed) and 1.07x (alexnet) the GFLOP per CPU-second, peak
    /// memory 6 and 3 MiB lower. 2 MiB split seed's conv4 in two and read its 9.4 MB of U twice:
    /// 1.19x the AVX2 variant's time there. seed's conv2 takes 5 tile rows a batch, alexnet's 7;
    /// the 3x3 layers all 7 at once.
    static let batchFloats = 1 << 20

    /// Workspace floats of the Winograd path: a batch's V and M, then each worker's GEMM scratch.
    func winogradWorkspaceFloats(outputTile: Int = 2, batchFloats: Int = Self.batchFloats) -> Int {
        let tiling = tiling(outputTile: outputTile, batchFloats: batchFloats)
        return tiling.transformedFloats + tiling.productFloats
            + workerCount * kernels.packingScratchFloats(depth: inputChannels)
    }

    /// Runs the convolution through Winograd's transforms; `filters` from `WinogradFilters`.
    /// - Parameters: input `[inputHeight, inputWidth, inputChannels]`, output `[outputHeight,
    ///   outputWidth, outputChannels]`, workspace `winogradWorkspaceFloats(outputTile:batchFloats:)`
    ///   floats with the filters' `outputTile`; `batchFloats` other than the default only in tests.
    func convolveWinograd(_ input: UnsafePointer<Float>, filters: WinogradFilters, activation: Activation,
                          into output: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>,
                          batchFloats: Int = Self.batchFloats) {
        let tiling = tiling(outputTile: filters.outputTile, batchFloats: batchFloats)
        let (tileRows, tileColumns, matrixCount) = (tiling.tileRows, tiling.tileColumns, tiling.matrixCount)
        let transformed = workspace
        let products = workspace + tiling.transformedFloats
        let scratch = products + tiling.productFloats
        var firstRow = 0
        while firstRow < tileRows {
            let rows = firstRow..<min(firstRow + tiling.tileRowsPerBatch, tileRows)
            let tiles = rows.count * tileColumns
            // Each value of V and M is a sum over a row (then a column) of its block: about
            // `blockSize` additions apiece. Counted as one, every layer's transforms fell under
            // the threshold and ran on one thread (see BENCHMARKS.md).
            let tileWork = tiles * matrixCount * (inputChannels + outputChannels) * tiling.blockSize
            WinogradInputTransform(plan: self, tiling: tiling, rows: rows, input: input, transformed: transformed)
                .run(chunks: rows.count, operations: tileWork)
            // One product per chunk: V[ξ] stays in the cache across all of U[ξ]'s panels (measured
            // 5-7% faster than chunks of 1, 2 or 4 panels on seed's and alexnet's conv3-5).
            WinogradProducts(plan: self, tiling: tiling, tiles: tiles, filters: filters,
                             transformed: UnsafePointer(transformed), products: products, scratch: scratch)
                .run(chunks: matrixCount, operations: matrixCount * tiles * inputChannels * outputChannels)
            WinogradOutputTransform(plan: self, tiling: tiling, rows: rows, products: UnsafePointer(products),
                                    bias: filters.bias, activation: activation, output: output)
                .run(chunks: rows.count, operations: tileWork)
            firstRow = rows.upperBound
        }
    }
}

extension ConvolutionPlan {
    /// Workspace floats of `convolveWinogradRowByRow`: each worker's V and M of one tile row, and
    /// its GEMM scratch.
    /// - Parameter outputTile: the filters' `outputTile`.
    func winogradRowWorkspaceFloats(outputTile: Int) -> Int {
        workerCount * WinogradRowPipeline.workerFloats(self, tiling(outputTile: outputTile, batchFloats: 1))
    }

    /// `convolveWinograd` a tile row at a time: each chunk takes one row of tiles through the
    /// input transform, the s² products and the output transform, in V and M of its worker's own,
    /// which stay in the core's cache from one row to the next. It suits layers whose filters in
    /// Winograd's domain stay cached too (conv1 through space-to-depth: 0.7 MB). Over all tiles at
    /// once, conv1's three steps wrote and read 4 MB of V and M, which in a whole pass, after the
    /// dense layers have evicted the caches, went to memory (AMD EPYC family 25 model 17, seed's
    /// conv1: 0.78-1.01 ms row by row against 1.13-1.24, 6 alternating runs). With larger filters
    /// (conv2: 3.5 MB) every row would read them all again.
    /// - Parameters: as `convolveWinograd`'s; workspace `winogradRowWorkspaceFloats(outputTile:)` floats.
    func convolveWinogradRowByRow(_ input: UnsafePointer<Float>, filters: WinogradFilters, activation: Activation,
                                  into output: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>) {
        let tiling = tiling(outputTile: filters.outputTile, batchFloats: 1)
        WinogradRowPipeline(plan: self, tiling: tiling, input: input, filters: filters, activation: activation,
                            output: output, workspace: workspace)
            .run(chunks: tiling.tileRows)
    }
}

/// A layer's filters in Winograd's domain: U[ξ] = (G g Gᵀ)[ξ] for ξ = s * row + column, each a
/// `[Cin, Cout]` matrix packed for the GEMM kernel. G (s x k) interpolates the filter at the
/// transforms' points (`scripts/winograd_matrices.py` derives it):
///
///     F(2x2, 3x3): G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]
///     F(2x2, 5x5): G = [1/4 0 0 0 0; -1/6 -1/6 -1/6 -1/6 -1/6; -1/6 1/6 -1/6 1/6 -1/6;
///                       1/24 1/12 1/6 1/3 2/3; 1/24 -1/12 1/6 -1/3 2/3; 0 0 0 0 1]
///     F(4x4, 3x3): G = [1/4 0 0; -1/6 -1/6 -1/6; -1/6 1/6 -1/6; 1/24 1/12 1/6; 1/24 -1/12 1/6; 0 0 1]
// Unchecked: filled in `init`, only read afterwards, from any thread.
final class WinogradFilters: @unchecked Sendable {
    let matrices: [PackedMatrix]
    /// `[Cout]`
    let bias: UnsafePointer<Float>
    /// The side of a tile of output: 2, or 4 for F(4x4, 3x3).
    let outputTile: Int

    /// G for filters of side 3 or 5 and tiles of 2x2 outputs, or 3 and 4x4.
    static func interpolation(kernelSize: Int, outputTile: Int = 2) -> [[Double]] {
        if kernelSize == 3 && outputTile == 4 {
            return [[1.0 / 4, 0, 0], [-1.0 / 6, -1.0 / 6, -1.0 / 6], [-1.0 / 6, 1.0 / 6, -1.0 / 6],
                    [1.0 / 24, 1.0 / 12, 1.0 / 6], [1.0 / 24, -1.0 / 12, 1.0 / 6], [0, 0, 1]]
        }
        precondition(outputTile == 2, "F(4x4, k x k) is for 3x3 filters only")
        if kernelSize == 3 { return [[1, 0, 0], [0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0, 0, 1]] }
        precondition(kernelSize == 5, "Winograd's transforms are for 3x3 and 5x5 filters")
        return [[1.0 / 4, 0, 0, 0, 0],
                [-1.0 / 6, -1.0 / 6, -1.0 / 6, -1.0 / 6, -1.0 / 6],
                [-1.0 / 6, 1.0 / 6, -1.0 / 6, 1.0 / 6, -1.0 / 6],
                [1.0 / 24, 1.0 / 12, 1.0 / 6, 1.0 / 3, 2.0 / 3],
                [1.0 / 24, -1.0 / 12, 1.0 / 6, -1.0 / 3, 2.0 / 3],
                [0, 0, 0, 0, 1]]
    }

    /// - Parameters: weights `[k, k, inputs, outputs]` (HWIO, k = 3 or 5), bias `[outputs]`;
    ///   `outputTile` 2, or 4 with k = 3; `kernels`, the variant the matrices are packed for.
    init(weights: UnsafePointer<Float>, kernelSize: Int, outputTile: Int = 2, inputs: Int, outputs: Int,
         bias: UnsafePointer<Float>, kernels: KernelTable) {
        self.bias = bias
        self.outputTile = outputTile
        let g = Self.interpolation(kernelSize: kernelSize, outputTile: outputTile)
        let side = g.count
        let pairs = inputs * outputs
        // One U at a time, so the unpacked copy costs a fraction of the transformed filters.
        let matrix = UnsafeMutablePointer<Float>.allocate(capacity: pairs)
        defer { matrix.deallocate() }
        matrices = (0..<side * side).map { index in
            let (row, column) = (index / side, index % side)
            // U[row, column] = sum over taps (kh, kw) of G[row, kh] * G[column, kw] * g[kh, kw],
            // for every (in, out) pair at once: HWIO keeps each tap's pairs contiguous. For
            // F(2x2, 3x3) the coefficients are 0, ±1/4, ±1/2 or 1, so every product is exact; for
            // the others each coefficient is rounded once, from float64.
            matrix.initialize(repeating: 0, count: pairs)
            for kh in 0..<kernelSize {
                for kw in 0..<kernelSize where g[row][kh] * g[column][kw] != 0 {
                    kernels.addScaled(weights + (kh * kernelSize + kw) * pairs, Float(g[row][kh] * g[column][kw]),
                                      matrix, pairs)
                }
            }
            return PackedMatrix(matrix, rows: inputs, columns: outputs, ldb: outputs, bias: nil,
                                panelWidth: kernels.panelWidth)
        }
    }
}

/// Chunk i: the input transform of tile row `rows.lowerBound + i` of the batch.
private struct WinogradInputTransform: ChunkedWork {
    let plan: ConvolutionPlan
    let tiling: WinogradTiling
    let rows: Range<Int>
    let input: UnsafePointer<Float>
    /// The batch's V.
    let transformed: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        plan.kernels.winogradInput(tiling, rows.lowerBound + chunk, input,
                                   transformed + chunk * tiling.tileColumns * plan.inputChannels)
    }
}

/// Chunk ξ: M[:, ξ] = V[:, ξ] * U[ξ] for the batch's tiles.
private struct WinogradProducts: ChunkedWork {
    let plan: ConvolutionPlan
    let tiling: WinogradTiling
    let tiles: Int
    let filters: WinogradFilters
    let transformed: UnsafePointer<Float>
    let products: UnsafeMutablePointer<Float>
    /// `[workerCount, packingScratchFloats(depth: inputChannels)]`
    let scratch: UnsafeMutablePointer<Float>

    func run(chunk index: Int, worker: Int) {
        let filter = filters.matrices[index]
        // V's rows (tiles) lie Cin floats apart.
        plan.kernels.multiplyFarRows(MatrixRows(transformed + index * tiling.transformedMatrixStride,
                                                lda: plan.inputChannels, depth: plan.inputChannels),
                                     0..<tiles, filter, 0..<filter.panelCount, .identity,
                                     products + index * tiling.productMatrixStride, plan.outputChannels,
                                     scratch + worker * plan.kernels.packingScratchFloats(depth: plan.inputChannels))
    }
}

/// Chunk i: the output pixels of tile row `rows.lowerBound + i` of the batch.
private struct WinogradOutputTransform: ChunkedWork {
    let plan: ConvolutionPlan
    let tiling: WinogradTiling
    let rows: Range<Int>
    /// The batch's M.
    let products: UnsafePointer<Float>
    let bias: UnsafePointer<Float>
    let activation: Activation
    let output: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        plan.kernels.winogradOutput(tiling, rows.lowerBound + chunk,
                                    products + chunk * tiling.tileColumns * plan.outputChannels,
                                    bias, activation, output)
    }
}

/// Chunk i: tile row i through the three steps, in the worker's own V and M (a batch of one row).
private struct WinogradRowPipeline: ChunkedWork {
    let plan: ConvolutionPlan
    /// Batches of one tile row.
    let tiling: WinogradTiling
    let input: UnsafePointer<Float>
    let filters: WinogradFilters
    let activation: Activation
    let output: UnsafeMutablePointer<Float>
    /// `[workerCount, workerFloats]`
    let workspace: UnsafeMutablePointer<Float>

    /// A worker's V, M and GEMM scratch.
    static func workerFloats(_ plan: ConvolutionPlan, _ tiling: WinogradTiling) -> Int {
        tiling.transformedFloats + tiling.productFloats + plan.kernels.packingScratchFloats(depth: plan.inputChannels)
    }

    func run(chunk row: Int, worker: Int) {
        let transformed = workspace + worker * Self.workerFloats(plan, tiling)
        let products = transformed + tiling.transformedFloats
        let scratch = products + tiling.productFloats
        plan.kernels.winogradInput(tiling, row, input, transformed)
        for index in 0..<tiling.matrixCount {
            let filter = filters.matrices[index]
            plan.kernels.multiplyFarRows(MatrixRows(transformed + index * tiling.transformedMatrixStride,
                                                    lda: plan.inputChannels, depth: plan.inputChannels),
                                         0..<tiling.tileColumns, filter, 0..<filter.panelCount, .identity,
                                         products + index * tiling.productMatrixStride, plan.outputChannels, scratch)
        }
        plan.kernels.winogradOutput(tiling, row, products, filters.bias, activation, output)
    }
}
