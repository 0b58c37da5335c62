import KernelSupport

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
///
/// The transforms are the kernel variant's (`Kernels/Shared/WinogradTransforms.swift`).
extension ConvolutionPlan {
    var tiling: WinogradTiling {
        WinogradTiling(inputHeight: inputHeight, inputWidth: inputWidth, inputChannels: inputChannels,
                       outputHeight: outputHeight, outputWidth: outputWidth, outputChannels: outputChannels,
                       padTop: padTop, padLeft: padLeft)
    }
    var tileRows: Int { tiling.tileRows }
    var tileCount: Int { tiling.tileCount }

    /// Workspace floats of the Winograd path: V, M, then each worker's GEMM scratch.
    var winogradWorkspaceFloats: Int {
        16 * tileCount * (inputChannels + outputChannels) + workerCount * kernels.gemmScratchFloats
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
}

/// A 3x3 layer's filters in Winograd's domain: U[ξ] = (G g Gᵀ)[ξ] for ξ = 4 * row + column,
/// each a `[Cin, Cout]` matrix packed for the GEMM kernel, with
/// G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1].
// Unchecked: filled in `init`, only read afterwards, from any thread.
final class WinogradFilters: @unchecked Sendable {
    let matrices: [PackedMatrix]
    /// `[Cout]`
    let bias: UnsafePointer<Float>

    /// - Parameters: weights `[3, 3, inputs, outputs]` (HWIO), bias `[outputs]`; `kernels`, the
    ///   variant the matrices are packed for.
    init(weights: UnsafePointer<Float>, inputs: Int, outputs: Int, bias: UnsafePointer<Float>, kernels: KernelTable) {
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
                    kernels.addScaled(weights + (kh * 3 + kw) * pairs, g[row][kh] * g[column][kw], matrix, pairs)
                }
            }
            return PackedMatrix(matrix, rows: inputs, columns: outputs, ldb: outputs, bias: nil,
                                panelWidth: kernels.panelWidth)
        }
    }
}

private struct WinogradInputTransform: ChunkedWork {
    let plan: ConvolutionPlan
    let input: UnsafePointer<Float>
    let transformed: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        plan.kernels.winogradInput(plan.tiling, chunk, input, transformed)
    }
}

/// Chunk ξ: M[ξ] = V[ξ] * U[ξ].
private struct WinogradProducts: ChunkedWork {
    let plan: ConvolutionPlan
    let filters: WinogradFilters
    let transformed: UnsafePointer<Float>
    let products: UnsafeMutablePointer<Float>
    /// `[workerCount, gemmScratchFloats]`
    let scratch: UnsafeMutablePointer<Float>

    func run(chunk index: Int, worker: Int) {
        let tiles = plan.tileCount, filter = filters.matrices[index]
        plan.kernels.multiply(MatrixRows(transformed + index * tiles * plan.inputChannels, lda: plan.inputChannels,
                                         depth: plan.inputChannels),
                              0..<tiles, filter, 0..<filter.panelCount, .identity,
                              products + index * tiles * plan.outputChannels, plan.outputChannels,
                              scratch + worker * plan.kernels.gemmScratchFloats)
    }
}

private struct WinogradOutputTransform: ChunkedWork {
    let plan: ConvolutionPlan
    let products: UnsafePointer<Float>
    let bias: UnsafePointer<Float>
    let activation: Activation
    let output: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        plan.kernels.winogradOutput(plan.tiling, chunk, products, bias, activation, output)
    }
}
