import KernelSupport

/// Local response normalisation (`ResponseNormalization`), the pixels shared between threads;
/// the loop over channels is the kernel variant's (`Kernels/Shared/NormalizationRows.swift`).
extension ResponseNormalization {
    /// Scratch floats: one padded row of squares per worker.
    func workspaceFloats(channels: Int, kernels: KernelTable) -> Int {
        workerCount * (before + channels + after + kernels.vectorFloats)
    }

    /// - Parameters: input and output `[pixels, channels]`; workspace `workspaceFloats(channels:)`.
    func normalize(_ input: UnsafePointer<Float>, pixels: Int, channels: Int,
                   into output: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>,
                   kernels: KernelTable) {
        let rowLength = before + channels + after + kernels.vectorFloats
        // Chunks of 64 pixels; each worker keeps its own row of squares.
        let chunkPixels = 64
        let chunks = (pixels + chunkPixels - 1) / chunkPixels
        for worker in 0..<min(workerCount, chunks) {
            (workspace + worker * rowLength).initialize(repeating: 0, count: rowLength)
        }
        NormalizationWork(normalization: self, input: input, pixels: pixels, chunkPixels: chunkPixels,
                          channels: channels, output: output, workspace: workspace, rowLength: rowLength,
                          kernels: kernels)
            .run(chunks: chunks, operations: pixels * channels * (before + after + 1))
    }
}

private struct NormalizationWork: ChunkedWork {
    let normalization: ResponseNormalization
    let input: UnsafePointer<Float>
    let pixels, chunkPixels, channels: Int
    let output: UnsafeMutablePointer<Float>
    let workspace: UnsafeMutablePointer<Float>
    let rowLength: Int
    let kernels: KernelTable

    func run(chunk: Int, worker: Int) {
        kernels.normalize(normalization, input, (chunk * chunkPixels)..<min((chunk + 1) * chunkPixels, pixels),
                          channels, output, workspace + worker * rowLength)
    }
}
