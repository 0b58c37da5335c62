import KernelSupport

/// 2-D convolution of an `[H, W, C]` feature map as a matrix product, one per group:
///
///     input    [H, W, C]                        C = groups * inPerGroup
///     A        [OH * OW, kh * kw * inPerGroup]  one row per output pixel (the window under it)
///     weights  [kh * kw * inPerGroup, outPerGroup] per group (HWIO flattened), packed once
///     output   [OH, OW, Cout]                   = activation(A * weights + bias)
///
/// Without groups, A is never built: under a window, each kernel row's kw * C floats are
/// contiguous in HWC, so the product reads the input itself (after a zero-padded copy when the
/// convolution pads), a run per kernel row. With groups they are not, and A is gathered (im2col)
/// into the workspace first. The products are cut into chunks of output rows (and, for small
/// maps, of output columns) shared out between the cores (`ChunkRanges`). The products, copies
/// and Winograd transforms run in `kernels`, the variant the weights were packed for.
struct ConvolutionPlan: Sendable {
    let inputHeight, inputWidth, inputChannels: Int
    let outputHeight, outputWidth, outputChannels: Int
    let kernelHeight, kernelWidth, strideHeight, strideWidth: Int
    let padTop, padLeft: Int
    let groups: Int
    let kernels: KernelTable

    var inPerGroup: Int { inputChannels / groups }
    var outPerGroup: Int { outputChannels / groups }
    /// Length of one row of A: the product's depth.
    var patchLength: Int { kernelHeight * kernelWidth * inPerGroup }
    var outputRows: Int { outputHeight * outputWidth }

    /// Output rows per chunk of work: 64, or 32 on small maps, whose chunks are also split by
    /// columns (see `panelsPerChunk`).
    var chunkRows: Int { outputRows >= 24 * 64 ? 64 : 32 }
    var rowChunks: Int { (outputRows + chunkRows - 1) / chunkRows }

    /// Column panels of B per chunk: all of them when there are rows enough for a couple of dozen
    /// chunks; fewer when the map is small (13x13, 14x14), so that the chunks still split evenly
    /// between the cores.
    var panelsPerChunk: Int {
        let panels = (outPerGroup + kernels.panelWidth - 1) / kernels.panelWidth
        let chunksWanted = 48
        let rowChunksAll = rowChunks * groups
        guard rowChunksAll < chunksWanted else { return panels }
        let groupsOfPanels = min(panels, (chunksWanted + rowChunksAll - 1) / rowChunksAll)
        return (panels + groupsOfPanels - 1) / groupsOfPanels
    }

    var panelChunks: Int {
        let panels = (outPerGroup + kernels.panelWidth - 1) / kernels.panelWidth
        return (panels + panelsPerChunk - 1) / panelsPerChunk
    }

    /// The extent of input that the windows cover, padding included.
    var paddedHeight: Int { (outputHeight - 1) * strideHeight + kernelHeight }
    var paddedWidth: Int { (outputWidth - 1) * strideWidth + kernelWidth }

    /// True when every window lies inside the input, which is then read in place.
    var readsInputInPlace: Bool {
        padTop == 0 && padLeft == 0 && paddedHeight <= inputHeight && paddedWidth <= inputWidth
    }

    /// Workspace floats ahead of the GEMM scratch: with groups, A for the whole layer
    /// `[groups, outputRows, patchLength]`; without, the zero-padded input `[paddedHeight,
    /// paddedWidth, C]` unless it is read in place.
    var inputFloats: Int {
        if groups > 1 { return groups * outputRows * patchLength }
        return readsInputInPlace ? 0 : paddedHeight * paddedWidth * inputChannels
    }

    /// Scratch floats for `convolve`: `inputFloats`, then each worker's GEMM scratch.
    var workspaceFloats: Int { inputFloats + workerCount * kernels.gemmScratchFloats }

    /// Runs the convolution; `weights[g]` is group g's packed `[patchLength, outPerGroup]` with bias.
    /// - Parameters:
    ///   - input: `[inputHeight, inputWidth, inputChannels]`
    ///   - output: `[outputHeight, outputWidth, outputChannels]`
    ///   - workspace: `workspaceFloats` floats
    func convolve(_ input: UnsafePointer<Float>, weights: [PackedMatrix], activation: Activation,
                  into output: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>) {
        let source: UnsafePointer<Float>
        if groups > 1 {
            PatchGathering(plan: self, input: input, patches: workspace).run(chunks: groups * rowChunks)
            source = UnsafePointer(workspace)
        } else if readsInputInPlace {
            source = input
        } else {
            PaddedCopy(plan: self, input: input, padded: workspace)
                .run(chunks: (paddedHeight + PaddedCopy.rowsPerChunk - 1) / PaddedCopy.rowsPerChunk)
            source = UnsafePointer(workspace)
        }
        ConvolutionProduct(plan: self, source: source, weights: weights, activation: activation, output: output,
                           scratch: workspace + inputFloats)
            .run(chunks: groups * rowChunks * panelChunks)
    }

    /// A of group `group`, read from `source` (the input, its padded copy, or the gathered A).
    func matrixRows(_ source: UnsafePointer<Float>, group: Int) -> MatrixRows {
        if groups > 1 {
            return MatrixRows(source + group * outputRows * patchLength, lda: patchLength, depth: patchLength)
        }
        let width = readsInputInPlace ? inputWidth : paddedWidth
        return MatrixRows(base: source, rowsPerLine: outputWidth,
                          lineStride: strideHeight * width * inputChannels, rowStride: strideWidth * inputChannels,
                          segments: kernelHeight, segmentLength: kernelWidth * inputChannels,
                          segmentStride: width * inputChannels)
    }

    /// Product chunk `chunk`: group-major, then rows, then column panels.
    fileprivate func multiply(chunk: Int, _ source: UnsafePointer<Float>, weights: [PackedMatrix],
                              activation: Activation, into output: UnsafeMutablePointer<Float>,
                              scratch: UnsafeMutablePointer<Float>) {
        let group = chunk / (rowChunks * panelChunks)
        let rowChunk = chunk / panelChunks % rowChunks
        let panelChunk = chunk % panelChunks
        let start = rowChunk * chunkRows
        let rows = start..<min(start + chunkRows, outputRows)
        let panelStart = panelChunk * panelsPerChunk
        let panels = panelStart..<min(panelStart + panelsPerChunk, weights[group].panelCount)
        kernels.multiply(matrixRows(source, group: group), rows, weights[group], panels, activation,
                         output + start * outputChannels + group * outPerGroup, outputChannels, scratch)
    }

    /// Row `row` of the zero-padded input: `[paddedWidth, C]`.
    fileprivate func copyPadded(row: Int, _ input: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>) {
        let rowLength = paddedWidth * inputChannels
        let destination = padded + row * rowLength
        let y = row - padTop
        guard y >= 0 && y < inputHeight else {
            destination.initialize(repeating: 0, count: rowLength)
            return
        }
        // Columns of the padded row that hold image pixels.
        let first = min(padLeft, paddedWidth), end = min(padLeft + inputWidth, paddedWidth)
        destination.initialize(repeating: 0, count: first * inputChannels)
        kernels.copyFloats(input + y * inputWidth * inputChannels, destination + first * inputChannels,
                           (end - first) * inputChannels)
        (destination + end * inputChannels).initialize(repeating: 0, count: (paddedWidth - end) * inputChannels)
    }

    /// Gather chunk `chunk` of the whole layer's A (groups only): group-major, then rows.
    fileprivate func gather(chunk: Int, _ input: UnsafePointer<Float>, into patches: UnsafeMutablePointer<Float>) {
        let group = chunk / rowChunks
        let start = chunk % rowChunks * chunkRows
        let rows = start..<min(start + chunkRows, outputRows)
        gatherPatches(input, rows: rows, group: group,
                      into: patches + (group * outputRows + start) * patchLength)
    }

    /// im2col for output rows `rows` of one group: patch row r holds input[iy, ix, c] for
    /// (ky, kx, c) in HWIO order, c within the group, zero where the window hangs over the padding.
    /// - Parameter patches: `[rows.count, patchLength]`
    fileprivate func gatherPatches(_ input: UnsafePointer<Float>, rows: Range<Int>, group: Int,
                               into patches: UnsafeMutablePointer<Float>) {
        let channelOffset = group * inPerGroup
        var destination = patches
        for row in rows {
            let top = (row / outputWidth) * strideHeight - padTop
            let left = (row % outputWidth) * strideWidth - padLeft
            // Columns of the window that fall inside the image.
            let firstX = max(0, -left), endX = min(kernelWidth, inputWidth - left)
            for ky in 0..<kernelHeight {
                let y = top + ky
                guard y >= 0 && y < inputHeight && firstX < endX else {
                    destination.initialize(repeating: 0, count: kernelWidth * inPerGroup)
                    destination += kernelWidth * inPerGroup
                    continue
                }
                if firstX > 0 {
                    destination.initialize(repeating: 0, count: firstX * inPerGroup)
                    destination += firstX * inPerGroup
                }
                let source = input + (y * inputWidth + left + firstX) * inputChannels + channelOffset
                for x in 0..<(endX - firstX) {
                    kernels.copyFloats(source + x * inputChannels, destination, inPerGroup)
                    destination += inPerGroup
                }
                if endX < kernelWidth {
                    destination.initialize(repeating: 0, count: (kernelWidth - endX) * inPerGroup)
                    destination += (kernelWidth - endX) * inPerGroup
                }
            }
        }
    }
}

private struct PaddedCopy: ChunkedWork {
    /// Rows of the padded input per chunk: a row alone is too little work to hand over.
    static let rowsPerChunk = 16
    let plan: ConvolutionPlan
    let input: UnsafePointer<Float>
    let padded: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        for row in (chunk * Self.rowsPerChunk)..<min((chunk + 1) * Self.rowsPerChunk, plan.paddedHeight) {
            plan.copyPadded(row: row, input, into: padded)
        }
    }
}

private struct PatchGathering: ChunkedWork {
    let plan: ConvolutionPlan
    let input: UnsafePointer<Float>
    let patches: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        plan.gather(chunk: chunk, input, into: patches)
    }
}

private struct ConvolutionProduct: ChunkedWork {
    let plan: ConvolutionPlan
    let source: UnsafePointer<Float>
    let weights: [PackedMatrix]
    let activation: Activation
    let output: UnsafeMutablePointer<Float>
    /// `[workerCount, gemmScratchFloats]`
    let scratch: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        plan.multiply(chunk: chunk, source, weights: weights, activation: activation, into: output,
                      scratch: scratch + worker * plan.kernels.gemmScratchFloats)
    }
}
