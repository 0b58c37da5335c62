/// 2-D convolution of an `[H, W, C]` feature map as im2col then GEMM, one GEMM per group:
///
///     input    [H, W, C]                       C = groups * inPerGroup
///     patches  [rows, kh * kw * inPerGroup]    rows = OH * OW, built a block of rows at a time
///     weights  [kh * kw * inPerGroup, outPerGroup] per group (HWIO flattened), packed once
///     output   [OH, OW, Cout]                  = activation(patches * weights + bias)
///
/// The output rows are cut into chunks that the two cores take in turn; each worker builds the
/// patches of its chunk just before multiplying them, so they are still in its L2 cache.
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

    /// Output rows per chunk of work: at most 64 (a chunk's patches stay in L2), and small enough
    /// that a layer splits into a couple of dozen chunks to share between the cores.
    var chunkRows: Int {
        let rows = (outputRows / 24 + GEMM.tileRows - 1) / GEMM.tileRows * GEMM.tileRows
        return min(max(rows, 2 * GEMM.tileRows), 64)
    }

    /// A 1x1, stride-1, unpadded convolution multiplies the input itself: no patches needed.
    var readsInputDirectly: Bool {
        kernelHeight == 1 && kernelWidth == 1 && strideHeight == 1 && strideWidth == 1
            && padTop == 0 && padLeft == 0 && outputHeight == inputHeight && outputWidth == inputWidth
    }

    /// Scratch floats for `convolve`: one chunk of patches per worker.
    var workspaceFloats: Int {
        readsInputDirectly ? 0 : workerCount * chunkRows * patchLength
    }

    /// Runs the convolution; `weights[g]` is group g's packed `[patchLength, outPerGroup]` with bias.
    /// - Parameters:
    ///   - input: `[inputHeight, inputWidth, inputChannels]`
    ///   - output: `[outputHeight, outputWidth, outputChannels]`
    ///   - workspace: `workspaceFloats` floats
    func convolve(_ input: UnsafePointer<Float>, weights: [PackedMatrix], activation: Activation,
                  into output: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>) {
        let chunkRows = chunkRows
        let chunks = (outputRows + chunkRows - 1) / chunkRows
        parallelChunks(chunks) { chunk, worker in
            let patches = workspace + worker * chunkRows * patchLength
            let start = chunk * chunkRows
            let count = min(chunkRows, outputRows - start)
            for group in 0..<groups {
                let a: UnsafePointer<Float>
                let lda: Int
                if readsInputDirectly {
                    a = input + start * inputChannels + group * inPerGroup
                    lda = inputChannels
                } else {
                    gatherPatches(input, rows: start..<(start + count), group: group, into: patches)
                    a = UnsafePointer(patches)
                    lda = patchLength
                }
                GEMM.multiply(a, lda: lda, rows: count, by: weights[group], activation: activation,
                              into: output + start * outputChannels + group * outPerGroup,
                              ldc: outputChannels)
            }
        }
    }

    /// im2col for output rows `rows` of one group: patch row r holds input[iy, ix, c] for
    /// (ky, kx, c) in HWIO order, zero where the window hangs over the padding.
    /// - Parameter patches: `[rows.count, patchLength]`
    private func gatherPatches(_ input: UnsafePointer<Float>, rows: Range<Int>, group: Int,
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
                    destination.update(from: source, count: (endX - firstX) * inputChannels)
                    destination += (endX - firstX) * inputChannels
                } else {
                    for x in 0..<(endX - firstX) {
                        destination.update(from: source + x * inputChannels, count: inPerGroup)
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
