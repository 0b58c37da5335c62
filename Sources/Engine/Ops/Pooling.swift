import KernelSupport

/// Pooling over the spatial axes of an `[H, W, C]` feature map; the loops are the kernel
/// variant's (`Kernels/Shared/PoolingRows.swift`).
enum Pooling {
    /// Max over each window; the window is clipped to the image, so a padded cell never wins
    /// (TensorFlow's and PyTorch's semantics). Every window must hold at least one real cell.
    /// - Parameters: input `[height, width, channels]`; output `[OH, OW, channels]`.
    static func max(_ input: UnsafePointer<Float>, height: Int, width: Int, channels: Int,
                    geometry: WindowGeometry, into output: UnsafeMutablePointer<Float>, kernels: KernelTable) {
        let pad = geometry.padAmounts(height: height, width: width)
        let size = geometry.outputSize(height: height, width: width)
        let window = PoolingWindow(height: height, width: width, channels: channels,
                                   kernelHeight: geometry.kernelHeight, kernelWidth: geometry.kernelWidth,
                                   strideHeight: geometry.strideHeight, strideWidth: geometry.strideWidth,
                                   padTop: pad.top, padLeft: pad.left, outputHeight: size.height,
                                   outputWidth: size.width)
        // One output row per chunk.
        MaxPoolWork(window: window, input: input, output: output, kernels: kernels)
            .run(chunks: size.height,
                 operations: size.height * size.width * channels * geometry.kernelHeight * geometry.kernelWidth)
    }
}

/// Max pooling of one output row per chunk.
private struct MaxPoolWork: ChunkedWork {
    let window: PoolingWindow
    let input: UnsafePointer<Float>
    let output: UnsafeMutablePointer<Float>
    let kernels: KernelTable

    func run(chunk oy: Int, worker: Int) {
        kernels.maxPoolRow(window, oy, input, output)
    }
}
