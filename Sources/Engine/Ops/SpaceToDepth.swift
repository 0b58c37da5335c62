import KernelSupport

/// A strided convolution computed as a stride-1 one (its polyphase decomposition), so that
/// Winograd's F(4x4, 3x3) can do it. With stride s, output (y, x) reads input row s·y + ky - top;
/// writing ky = s·a + p splits the k x k filter into s² phase filters of r x r taps (r = ceil(k / s),
/// zero past k). Gathering the phases of the input into channels, the space-to-depth map
///
///     D[i, j, (p·s + q)·C + c] = input[s·i + p - top, s·j + q - left, c]      (zero outside)
///
/// turns the layer into an r x r, stride-1, unpadded convolution of D's s²·C channels:
///
///     output[y, x, o] = Σ_{a, b < r} Σ_{p, q < s, c} D[y + a, x + b, (p·s + q)·C + c] · w[s·a + p, s·b + q, c, o]
///
/// conv1 of both presets (11x11, stride 4, 3 channels) becomes a 3x3 convolution of 48 channels:
/// its phase filters hold 144 taps for the filter's 121 (the rest zeros), and F(4x4, 3x3) does
/// them in 36 multiplies per 16 outputs and channel pair, so seed's conv1 takes 33 million
/// multiply-adds instead of the direct 109. For a given p, a cell's (q, c) run is s·C consecutive
/// floats of an input row, so the gather is a copy of short runs. The phase filters in Winograd's
/// domain are small (0.7 MB for seed's conv1), so the tiles go through the transforms a row at a
/// time (`convolveWinogradRowByRow`), in V and M that stay in each core's cache.
///
/// What it gains over the direct product (which ran at 90-95% of the multiply-add peak), alone and
/// in a whole pass, and what it costs in accuracy: BENCHMARKS.md.
struct SpaceToDepthPlan {
    /// The layer's convolution: its geometry, and the input and output this plan reads and writes.
    let layer: ConvolutionPlan
    /// The r x r, stride-1 convolution of D that computes it.
    let phases: ConvolutionPlan

    /// True for the layers this plan computes: strided, without groups, square filters whose
    /// phase filters are 3x3.
    static func applies(kernelSize: Int, stride: Int, groups: Int) -> Bool {
        groups == 1 && stride > 1 && phaseSide(kernelSize: kernelSize, stride: stride) == 3
    }

    /// r = ceil(k / s).
    static func phaseSide(kernelSize: Int, stride: Int) -> Int { (kernelSize + stride - 1) / stride }

    init(_ layer: ConvolutionPlan) {
        precondition(layer.strideHeight == layer.strideWidth && layer.kernelHeight == layer.kernelWidth
                     && layer.groups == 1, "space-to-depth is for square filters and strides without groups")
        self.layer = layer
        let side = Self.phaseSide(kernelSize: layer.kernelHeight, stride: layer.strideHeight)
        phases = ConvolutionPlan(
            inputHeight: layer.outputHeight + side - 1, inputWidth: layer.outputWidth + side - 1,
            inputChannels: layer.strideHeight * layer.strideWidth * layer.inputChannels,
            outputHeight: layer.outputHeight, outputWidth: layer.outputWidth, outputChannels: layer.outputChannels,
            kernelHeight: side, kernelWidth: side, strideHeight: 1, strideWidth: 1, padTop: 0, padLeft: 0,
            groups: 1, kernels: layer.kernels)
    }

    /// The phase filters `[r, r, s²·C, Cout]` (HWIO) of a layer's `[k, k, C, Cout]` ones with
    /// stride s, in Winograd's domain, packed for `kernels`.
    static func filters(weights: UnsafePointer<Float>, kernelSize k: Int, stride s: Int, inputs channels: Int,
                        outputs: Int, bias: UnsafePointer<Float>, kernels: KernelTable) -> WinogradFilters {
        let side = phaseSide(kernelSize: k, stride: s), phaseChannels = s * s * channels
        let count = side * side * phaseChannels * outputs
        let rearranged = UnsafeMutablePointer<Float>.allocate(capacity: count)
        defer { rearranged.deallocate() }
        rearranged.initialize(repeating: 0, count: count)
        for a in 0..<side {
            for b in 0..<side {
                for p in 0..<s where s * a + p < k {
                    for q in 0..<s where s * b + q < k {
                        // Tap (s·a + p, s·b + q) of every (c, o) pair, to tap (a, b) of channel (p·s + q)·C + c.
                        let source = weights + ((s * a + p) * k + s * b + q) * channels * outputs
                        let destination = rearranged + ((a * side + b) * phaseChannels + (p * s + q) * channels) * outputs
                        destination.update(from: source, count: channels * outputs)
                    }
                }
            }
        }
        return WinogradFilters(weights: rearranged, kernelSize: side, outputTile: 4, inputs: phaseChannels,
                               outputs: outputs, bias: bias, kernels: kernels)
    }

    /// Floats of D.
    var mapFloats: Int { phases.inputHeight * phases.inputWidth * phases.inputChannels }

    /// Scratch floats for `convolve`: D, then the workspace of Winograd's row by row path.
    var workspaceFloats: Int { mapFloats + phases.winogradRowWorkspaceFloats(outputTile: 4) }

    /// Runs the convolution; `filters` from `filters(weights:kernelSize:stride:inputs:outputs:bias:kernels:)`.
    /// - Parameters: input `[H, W, C]` and output `[OH, OW, Cout]` of the layer, workspace
    ///   `workspaceFloats` floats.
    func convolve(_ input: UnsafePointer<Float>, filters: WinogradFilters, activation: Activation,
                  into output: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>) {
        SpaceToDepthGathering(plan: self, input: input, map: workspace)
            .run(chunks: (phases.inputHeight + SpaceToDepthGathering.rowsPerChunk - 1) / SpaceToDepthGathering.rowsPerChunk)
        phases.convolveWinogradRowByRow(UnsafePointer(workspace), filters: filters, activation: activation,
                                        into: output, workspace: workspace + mapFloats)
    }

    /// Row `row` of D: for each phase row p, input row s·row + p - top cut into runs of s pixels.
    fileprivate func gather(row: Int, _ input: UnsafePointer<Float>, into map: UnsafeMutablePointer<Float>) {
        let s = layer.strideHeight, channels = layer.inputChannels
        let cellFloats = phases.inputChannels, runFloats = s * channels
        let (height, width) = (layer.inputHeight, layer.inputWidth)
        let rowStart = map + row * phases.inputWidth * cellFloats
        for p in 0..<s {
            let y = s * row + p - layer.padTop
            var destination = rowStart + p * runFloats
            guard y >= 0 && y < height else {
                for _ in 0..<phases.inputWidth {
                    destination.initialize(repeating: 0, count: runFloats)
                    destination += cellFloats
                }
                continue
            }
            let line = input + y * width * channels
            for column in 0..<phases.inputWidth {
                let left = s * column - layer.padLeft
                if left >= 0 && left + s <= width {
                    let source = line + left * channels
                    for index in 0..<runFloats { destination[index] = source[index] }
                } else {
                    for q in 0..<s {
                        let x = left + q
                        for c in 0..<channels {
                            destination[q * channels + c] = x >= 0 && x < width ? line[x * channels + c] : 0
                        }
                    }
                }
                destination += cellFloats
            }
        }
    }
}

private struct SpaceToDepthGathering: ChunkedWork {
    /// Rows of D per chunk: a row alone is too little work to hand over.
    static let rowsPerChunk = 2
    let plan: SpaceToDepthPlan
    let input: UnsafePointer<Float>
    let map: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        for row in (chunk * Self.rowsPerChunk)..<min((chunk + 1) * Self.rowsPerChunk, plan.phases.inputHeight) {
            plan.gather(row: row, input, into: map)
        }
    }
}
