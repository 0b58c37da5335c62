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
        // One output row per chunk, on every kernel thread however small the layer: a pool reads
        // the layer before's output, which that layer's threads left in their own caches, and one
        // thread reading the other's half waits on it (seed's pool1 in a pass, Intel Xeon family 6
        // model 207: 0.036-0.052 ms on two threads, 0.084-0.113 on one; still ahead with another
        // process spinning on a core).
        MaxPoolWork(window: window, input: input, output: output, kernels: kernels)
            .run(chunks: size.height)
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
