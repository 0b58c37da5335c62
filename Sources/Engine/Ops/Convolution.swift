/// 2-D convolution of an `[H, W, C]` feature map as im2col then GEMM, one GEMM per group:
///
///     input    [H, W, C]                               C = groups * inPerGroup
///     patches  [groups, rows, kh * kw * inPerGroup]    rows = OH * OW
///     weights  [kh * kw * inPerGroup, outPerGroup] per group (HWIO flattened), packed once
///     output   [OH, OW, Cout]                          = activation(patches * weights + bias)
///
/// The work is cut into chunks of output rows (and, for small maps, of output columns) that the
/// two cores take in turn.
struct ConvolutionPlan: Sendable {
    let inputHeight, inputWidth, inputChannels: Int
    let outputHeight, outputWidth, outputChannels: Int
    let kernelHeight, kernelWidth, strideHeight, strideWidth: Int
    let padTop, padLeft: Int
    let groups: Int

    var inPerGroup: Int { inputChannels / groups }
    var outPerGroup: Int { outputChannels / groups }
    /// Length of one patch: the GEMM depth.
    var patchLength: Int { kernelHeight * kernelWidth * inPerGroup }
    var outputRows: Int { outputHeight * outputWidth }

    /// Output rows per chunk of work, for gathering patches and for multiplying.
    static let chunkRows = 64
    var rowChunks: Int { (outputRows + Self.chunkRows - 1) / Self.chunkRows }

    /// Column panels of B per multiply chunk: all of them when there are rows enough for a
    /// couple of dozen chunks; fewer when the map is small (13x13, 14x14), so that the chunks
    /// still split evenly between the cores.
    var panelsPerChunk: Int {
        let panels = (outPerGroup + GEMM.panelWidth - 1) / GEMM.panelWidth
        let chunksWanted = 24
        let rowChunksAll = rowChunks * groups
        guard rowChunksAll < chunksWanted else { return panels }
        let groupsOfPanels = min(panels, (chunksWanted + rowChunksAll - 1) / rowChunksAll)
        return (panels + groupsOfPanels - 1) / groupsOfPanels
    }

    /// A 1x1, stride-1, unpadded convolution multiplies the input itself: no patches needed.
    var readsInputDirectly: Bool {
        kernelHeight == 1 && kernelWidth == 1 && strideHeight == 1 && strideWidth == 1
            && padTop == 0 && padLeft == 0 && outputHeight == inputHeight && outputWidth == inputWidth
    }

    /// Multiply chunks per row chunk (see `panelsPerChunk`); 1 when chunks are whole rows.
    var panelChunks: Int {
        let panels = (outPerGroup + GEMM.panelWidth - 1) / GEMM.panelWidth
        return (panels + panelsPerChunk - 1) / panelsPerChunk
    }

    /// Patches are gathered once for the whole layer when a row chunk is split by columns (its
    /// patches are then shared by several chunks); otherwise each worker gathers a chunk's
    /// patches just before multiplying them, while they are in its L2 cache.
    var gathersWholeLayer: Bool { !readsInputDirectly && panelChunks > 1 }

    /// Floats of patches: `[groups, outputRows, patchLength]` for the whole layer, or one chunk's
    /// `[chunkRows, patchLength]` per worker.
    var patchesFloats: Int {
        if readsInputDirectly { return 0 }
        return gathersWholeLayer ? groups * outputRows * patchLength : workerCount * Self.chunkRows * patchLength
    }

    /// Scratch floats for `convolve`: the patches, then each worker's GEMM scratch.
    var workspaceFloats: Int { patchesFloats + workerCount * GEMM.scratchFloats }

    /// Runs the convolution; `weights[g]` is group g's packed `[patchLength, outPerGroup]` with bias.
    /// - Parameters:
    ///   - input: `[inputHeight, inputWidth, inputChannels]`
    ///   - output: `[outputHeight, outputWidth, outputChannels]`
    ///   - workspace: `workspaceFloats` floats
    func convolve(_ input: UnsafePointer<Float>, weights: [PackedMatrix], activation: Activation,
                  into output: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>) {
        if gathersWholeLayer {
            PatchGathering(plan: self, input: input, patches: workspace).run(chunks: groups * rowChunks)
        }
        ConvolutionProduct(plan: self, input: input, weights: weights, activation: activation, output: output,
                           patches: workspace, scratch: workspace + patchesFloats)
            .run(chunks: groups * rowChunks * panelChunks)
    }

    /// Multiply chunk `chunk`: group-major, then rows, then column panels.
    /// - Parameter patches: the layer's patches, or when chunks are whole rows, every worker's
    ///   chunk of patches (this one's is gathered here).
    fileprivate func multiply(chunk: Int, worker: Int, _ input: UnsafePointer<Float>, weights: [PackedMatrix],
                              activation: Activation, into output: UnsafeMutablePointer<Float>,
                              patches: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let group = chunk / (rowChunks * panelChunks)
        let rowChunk = chunk / panelChunks % rowChunks
        let panelChunk = chunk % panelChunks
        let start = rowChunk * Self.chunkRows
        let count = min(Self.chunkRows, outputRows - start)
        let panelStart = panelChunk * panelsPerChunk
        let panels = panelStart..<min(panelStart + panelsPerChunk, weights[group].panelCount)
        let a: UnsafePointer<Float>
        let lda: Int
        if readsInputDirectly {
            a = input + start * inputChannels + group * inPerGroup
            lda = inputChannels
        } else if gathersWholeLayer {
            a = UnsafePointer(patches + (group * outputRows + start) * patchLength)
            lda = patchLength
        } else {
            let own = patches + worker * Self.chunkRows * patchLength
            gatherPatches(input, rows: start..<(start + count), group: group, into: own)
            a = UnsafePointer(own)
            lda = patchLength
        }
        GEMM.multiply(a, lda: lda, rows: count, by: weights[group], panels: panels, activation: activation,
                      into: output + start * outputChannels + group * outPerGroup, ldc: outputChannels,
                      scratch: scratch)
    }

    /// Gather chunk `chunk` of the whole layer's patches: group-major, then rows.
    fileprivate func gather(chunk: Int, _ input: UnsafePointer<Float>, into patches: UnsafeMutablePointer<Float>) {
        let group = chunk / rowChunks
        let start = chunk % rowChunks * Self.chunkRows
        let rows = start..<min(start + Self.chunkRows, outputRows)
        gatherPatches(input, rows: rows, group: group,
                      into: patches + (group * outputRows + start) * patchLength)
    }

    /// im2col for output rows `rows` of one group: patch row r holds input[iy, ix, c] for
    /// (ky, kx, c) in HWIO order, zero where the window hangs over the padding.
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
                if groups == 1 {
                    // Neighbouring pixels are contiguous in [H, W, C]: one copy for the whole run.
                    copyFloats(from: source, to: destination, count: (endX - firstX) * inputChannels)
                    destination += (endX - firstX) * inputChannels
                } else {
                    for x in 0..<(endX - firstX) {
                        copyFloats(from: source + x * inputChannels, to: destination, count: inPerGroup)
                        destination += inPerGroup
                    }
                }
                if endX < kernelWidth {
                    destination.initialize(repeating: 0, count: (kernelWidth - endX) * inPerGroup)
                    destination += (kernelWidth - endX) * inPerGroup
                }
            }
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
    let input: UnsafePointer<Float>
    let weights: [PackedMatrix]
    let activation: Activation
    let output: UnsafeMutablePointer<Float>
    let patches: UnsafeMutablePointer<Float>
    /// `[workerCount, GEMM.scratchFloats]`
    let scratch: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        plan.multiply(chunk: chunk, worker: worker, input, weights: weights, activation: activation,
                      into: output, patches: patches, scratch: scratch + worker * GEMM.scratchFloats)
    }
}
