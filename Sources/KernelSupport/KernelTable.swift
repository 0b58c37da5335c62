/// The hot loops of the engine for one instruction set, as the kernel variant compiled them
/// (`Kernels/Generic`, `Kernels/AVX2`, `Kernels/AVX512`). Each entry does one chunk of work on
/// the calling thread; the engine's ops cut a layer into chunks, share them between threads and
/// call the entries of the table picked once at start-up, never asking which instruction set it is.
public struct KernelTable: Sendable {
    /// `generic`, `avx2`, `avx512`.
    public let name: String
    /// Rows of C per register tile.
    public let tileRows: Int
    /// Columns of C per register tile, and of B per packed panel (`PackedMatrix.panelWidth`).
    public let panelWidth: Int
    /// Floats per SIMD vector.
    public let vectorFloats: Int

    /// C[m, :] = activation(A[m, :] * B + bias) for m in `rows` and the columns of B's `panels`:
    /// (a, rows, b, panels, activation, c, ldc, scratch). `c` is C's row `rows.lowerBound`, with
    /// row stride `ldc`; `scratch` has `gemmScratchFloats` floats of this thread's own; `b` was
    /// packed with this table's `panelWidth`.
    public let multiply: @Sendable (MatrixRows, Range<Int>, PackedMatrix, Range<Int>, Activation,
                                    UnsafeMutablePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void
    /// `multiply` for a row-major A (one run per row) whose rows lie far apart, such as
    /// Winograd's V (rows a layer's channel count apart). Where it measured faster, the variant
    /// packs each tile of rows into `scratch` first, depth-major, and multiplies it by every
    /// panel of B before the next, so that the register tile reads one stream of A. `scratch`
    /// has `packingScratchFloats(depth:)`.
    public let multiplyFarRows: @Sendable (MatrixRows, Range<Int>, PackedMatrix, Range<Int>, Activation,
                                               UnsafeMutablePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void
    /// Copies `count` floats: (source, destination, count); the two must not overlap.
    public let copyFloats: @Sendable (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
    /// Applies an activation in place: (activation, values, count).
    public let activate: @Sendable (Activation, UnsafeMutablePointer<Float>, Int) -> Void

    /// Winograd input transform of one row of tiles: (tiling, tileRow, input
    /// `[H, W, Cin]`, the batch's V from the row's first tile).
    public let winogradInput: @Sendable (WinogradTiling, Int, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void
    /// Winograd output transform of one row of tiles, + bias, activation: (tiling, tileRow,
    /// the batch's M from the row's first tile, bias `[Cout]`, activation, output `[OH, OW, Cout]`).
    public let winogradOutput: @Sendable (WinogradTiling, Int, UnsafePointer<Float>, UnsafePointer<Float>, Activation,
                                          UnsafeMutablePointer<Float>) -> Void
    /// destination += scale * source: (source, scale, destination, count).
    public let addScaled: @Sendable (UnsafePointer<Float>, Float, UnsafeMutablePointer<Float>, Int) -> Void

    /// partial[o] += sum over `rows` of x[i] * W[i, o], W `[inputs, outputs]`:
    /// (w, rows, outputs, x, partial).
    public let accumulateRows: @Sendable (UnsafePointer<Float>, Range<Int>, Int, UnsafePointer<Float>,
                                          UnsafeMutablePointer<Float>) -> Void
    /// y = activation(bias + the `chunks` partial sums `[chunks, outputs]` added in order):
    /// (partials, chunks, outputs, bias, activation, y).
    public let sumPartials: @Sendable (UnsafePointer<Float>, Int, Int, UnsafePointer<Float>, Activation,
                                       UnsafeMutablePointer<Float>) -> Void
    /// y[o] = activation(dot(W[o, :], x) + bias[o]) for o in `rows`, W `[outputs, inputs]`:
    /// (w, rows, inputs, x, bias, activation, y).
    public let dotRows: @Sendable (UnsafePointer<Float>, Range<Int>, Int, UnsafePointer<Float>, UnsafePointer<Float>,
                                   Activation, UnsafeMutablePointer<Float>) -> Void

    /// Max pooling of one output row: (window, output row, input, output).
    public let maxPoolRow: @Sendable (PoolingWindow, Int, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void
    /// PyTorch's adaptive average pooling: (input `[height, width, channels]`, height, width,
    /// channels, output height, output width, output).
    public let adaptiveAverage: @Sendable (UnsafePointer<Float>, Int, Int, Int, Int, Int, UnsafeMutablePointer<Float>) -> Void
    /// Local response normalisation of a range of pixels: (parameters, input `[pixels, channels]`,
    /// pixels, channels, output, squares: `before + channels + after + vectorFloats` floats, zero
    /// at both ends).
    public let normalize: @Sendable (ResponseNormalization, UnsafePointer<Float>, Range<Int>, Int,
                                     UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void
    /// Random init of blocks of 16 values: (draw, blocks, data, count): values
    /// `16 * blocks.lowerBound ..< min(16 * blocks.upperBound, count)` of `data`. Every variant
    /// gives the same bits.
    public let randomFill: @Sendable (RandomDraw, Range<Int>, UnsafeMutablePointer<Float>, Int) -> Void
    /// The inverse error function and the natural logarithm random init uses (for tests).
    public let erfinv: @Sendable (SIMD16<Float>) -> SIMD16<Float>
    public let naturalLog: @Sendable (SIMD16<Float>) -> SIMD16<Float>
    /// The calibration's register loop: eight chains of `a += x * x` on this variant's vectors,
    /// (start: 9 vectors, the chains' starts then x; steps), returning the sum of every lane.
    public let multiplyAddChains: @Sendable (UnsafePointer<Float>, Int) -> Float
    /// The calibration's memory loop: the sum of (start, count) floats, count a multiple of
    /// 4 vectors, read once.
    public let streamSum: @Sendable (UnsafePointer<Float>, Int) -> Float

    /// Scratch floats `multiply` needs per thread: a tile of C for the edge tiles.
    public var gemmScratchFloats: Int { tileRows * panelWidth }

    /// Scratch floats `multiplyFarRows` needs per thread for an A of `depth` columns: a tile
    /// of C, then a tile of A's rows.
    public func packingScratchFloats(depth: Int) -> Int { gemmScratchFloats + tileRows * depth }

    public init(name: String, tileRows: Int, panelWidth: Int, vectorFloats: Int,
                multiply: @escaping @Sendable (MatrixRows, Range<Int>, PackedMatrix, Range<Int>, Activation,
                                               UnsafeMutablePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void,
                multiplyFarRows: @escaping @Sendable (MatrixRows, Range<Int>, PackedMatrix, Range<Int>, Activation,
                                                          UnsafeMutablePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void,
                copyFloats: @escaping @Sendable (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void,
                activate: @escaping @Sendable (Activation, UnsafeMutablePointer<Float>, Int) -> Void,
                winogradInput: @escaping @Sendable (WinogradTiling, Int, UnsafePointer<Float>,
                                                    UnsafeMutablePointer<Float>) -> Void,
                winogradOutput: @escaping @Sendable (WinogradTiling, Int, UnsafePointer<Float>, UnsafePointer<Float>,
                                                     Activation, UnsafeMutablePointer<Float>) -> Void,
                addScaled: @escaping @Sendable (UnsafePointer<Float>, Float, UnsafeMutablePointer<Float>, Int) -> Void,
                accumulateRows: @escaping @Sendable (UnsafePointer<Float>, Range<Int>, Int, UnsafePointer<Float>,
                                                     UnsafeMutablePointer<Float>) -> Void,
                sumPartials: @escaping @Sendable (UnsafePointer<Float>, Int, Int, UnsafePointer<Float>, Activation,
                                                  UnsafeMutablePointer<Float>) -> Void,
                dotRows: @escaping @Sendable (UnsafePointer<Float>, Range<Int>, Int, UnsafePointer<Float>,
                                              UnsafePointer<Float>, Activation, UnsafeMutablePointer<Float>) -> Void,
                maxPoolRow: @escaping @Sendable (PoolingWindow, Int, UnsafePointer<Float>,
                                                 UnsafeMutablePointer<Float>) -> Void,
                adaptiveAverage: @escaping @Sendable (UnsafePointer<Float>, Int, Int, Int, Int, Int,
                                                      UnsafeMutablePointer<Float>) -> Void,
                normalize: @escaping @Sendable (ResponseNormalization, UnsafePointer<Float>, Range<Int>, Int,
                                                UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void,
                randomFill: @escaping @Sendable (RandomDraw, Range<Int>, UnsafeMutablePointer<Float>, Int) -> Void,
                erfinv: @escaping @Sendable (SIMD16<Float>) -> SIMD16<Float>,
                naturalLog: @escaping @Sendable (SIMD16<Float>) -> SIMD16<Float>,
                multiplyAddChains: @escaping @Sendable (UnsafePointer<Float>, Int) -> Float,
                streamSum: @escaping @Sendable (UnsafePointer<Float>, Int) -> Float) {
        self.name = name
        self.tileRows = tileRows
        self.panelWidth = panelWidth
        self.vectorFloats = vectorFloats
        self.multiply = multiply
        self.multiplyFarRows = multiplyFarRows
        self.copyFloats = copyFloats
        self.activate = activate
        self.winogradInput = winogradInput
        self.winogradOutput = winogradOutput
        self.addScaled = addScaled
        self.accumulateRows = accumulateRows
        self.sumPartials = sumPartials
        self.dotRows = dotRows
        self.maxPoolRow = maxPoolRow
        self.adaptiveAverage = adaptiveAverage
        self.normalize = normalize
        self.randomFill = randomFill
        self.erfinv = erfinv
        self.naturalLog = naturalLog
        self.multiplyAddChains = multiplyAddChains
        self.streamSum = streamSum
    }
}

/// The geometry of a stride-1 convolution computed by Winograd's F(2x2, 3x3), F(2x2, 5x5) or
/// F(4x4, 3x3): output tiles of `outputTile` x `outputTile`, each from a `blockSize` x `blockSize`
/// block of input (4x4, 6x6 or 6x6).
@frozen public struct WinogradTiling: Sendable {
    /// The filters' side: 3 or 5.
    public let kernelSize: Int
    /// The side of a tile of output: 2, or 4 for F(4x4, 3x3).
    public let outputTile: Int
    public let inputHeight, inputWidth, inputChannels: Int
    public let outputHeight, outputWidth, outputChannels: Int
    public let padTop, padLeft: Int
    /// Tile rows a batch takes through the three steps (the last batch may have fewer).
    public let tileRowsPerBatch: Int

    /// - Parameter batchFloats: the most floats a batch's V `[matrixCount, batchTiles, Cin]` and
    ///   M `[matrixCount, batchTiles, Cout]` may take together: a batch is as many whole tile rows
    ///   as that holds (at least one), evened out over the batches that takes, so that the last
    ///   is not a sliver.
    @inlinable
    public init(kernelSize: Int, outputTile: Int, inputHeight: Int, inputWidth: Int, inputChannels: Int,
                outputHeight: Int, outputWidth: Int, outputChannels: Int, padTop: Int, padLeft: Int,
                batchFloats: Int) {
        self.kernelSize = kernelSize
        self.outputTile = outputTile
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.inputChannels = inputChannels
        self.outputHeight = outputHeight
        self.outputWidth = outputWidth
        self.outputChannels = outputChannels
        self.padTop = padTop
        self.padLeft = padLeft
        let tileRows = (outputHeight + outputTile - 1) / outputTile
        let tileColumns = (outputWidth + outputTile - 1) / outputTile
        let side = outputTile + kernelSize - 1
        let rowFloats = tileColumns * side * side * (inputChannels + outputChannels)
        let most = max(1, min(tileRows, batchFloats / rowFloats))
        let batches = (tileRows + most - 1) / most
        tileRowsPerBatch = (tileRows + batches - 1) / batches
    }

    /// Tiles in a batch: V and M hold this many.
    @inlinable public var batchTiles: Int { tileRowsPerBatch * tileColumns }

    /// Floats from one matrix of a batch's V to the next (V[ξ] is `[batchTiles, Cin]`), and of
    /// its M: a cache line more than the matrix takes, so that the matrices are not a multiple of
    /// 4 KiB apart, which made a transform's loads or stores of one tile (one per matrix) alias
    /// and share cache sets.
    @inlinable public var transformedMatrixStride: Int { batchTiles * inputChannels + 16 }
    @inlinable public var productMatrixStride: Int { batchTiles * outputChannels + 16 }
    /// Floats of a batch's V, and of its M.
    @inlinable public var transformedFloats: Int { matrixCount * transformedMatrixStride }
    @inlinable public var productFloats: Int { matrixCount * productMatrixStride }

    /// The side of a tile's block of input: the tile's outputs plus the filter's side less one.
    @inlinable public var blockSize: Int { outputTile + kernelSize - 1 }
    /// The matrix products, one per position in the block: 16 or 36.
    @inlinable public var matrixCount: Int { blockSize * blockSize }
    @inlinable public var tileRows: Int { (outputHeight + outputTile - 1) / outputTile }
    @inlinable public var tileColumns: Int { (outputWidth + outputTile - 1) / outputTile }
    @inlinable public var tileCount: Int { tileRows * tileColumns }
}

/// A pooling window over an `[height, width, channels]` map, its padding resolved.
@frozen public struct PoolingWindow: Sendable {
    public let height, width, channels: Int
    public let kernelHeight, kernelWidth, strideHeight, strideWidth: Int
    public let padTop, padLeft: Int
    public let outputHeight, outputWidth: Int

    @inlinable
    public init(height: Int, width: Int, channels: Int, kernelHeight: Int, kernelWidth: Int, strideHeight: Int,
                strideWidth: Int, padTop: Int, padLeft: Int, outputHeight: Int, outputWidth: Int) {
        self.height = height
        self.width = width
        self.channels = channels
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.padTop = padTop
        self.padLeft = padLeft
        self.outputHeight = outputHeight
        self.outputWidth = outputWidth
    }
}

/// PyTorch's adaptive average pooling window: output index `index` of `output` averages input
/// indices floor(index * input / output) ..< ceil((index + 1) * input / output) (never empty).
@inlinable
public func adaptiveWindow(_ index: Int, input: Int, output: Int) -> Range<Int> {
    (index * input / output)..<(((index + 1) * input + output - 1) / output)
}

/// Local response normalisation across the channels of an `[H, W, C]` feature map:
///
///     y[c] = x[c] / (bias + scale * sum_{c' = c - before ... c + after} x[c']^2)^beta
///
/// TensorFlow: before = after = depth_radius, scale = alpha. PyTorch (and Caffe for odd sizes):
/// before = size / 2, after = (size - 1) / 2, scale = alpha / size. Channels past either end
/// count as zero.
@frozen public struct ResponseNormalization: Sendable {
    public let before: Int
    public let after: Int
    public let bias: Float
    public let scale: Float
    public let beta: Float

    @inlinable
    public init(before: Int, after: Int, bias: Float, scale: Float, beta: Float) {
        self.before = before
        self.after = after
        self.bias = bias
        self.scale = scale
        self.beta = beta
    }
}

/// One parameter's random draw for `KernelTable.randomFill`: value i is a pure function of
/// (`key`, i), whichever variant or thread computes it.
@frozen public struct RandomDraw: Sendable {
    public enum Distribution: Sendable {
        /// Uniform on [-scale, scale].
        case uniform
        /// Normal with standard deviation `scale`, truncated at two standard deviations.
        case truncatedNormal
    }

    /// The stream's start, from the seed and the parameter's name.
    public let key: UInt64
    public let distribution: Distribution
    public let scale: Float

    @inlinable
    public init(key: UInt64, distribution: Distribution, scale: Float) {
        self.key = key
        self.distribution = distribution
        self.scale = scale
    }

    /// The Weyl sequence's step (SplitMix64's golden-ratio increment).
    @inlinable public static var gamma: UInt64 { 0x9E37_79B9_7F4A_7C15 }
}
