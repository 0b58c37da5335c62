import KernelSupport

/// Batch-1 fully connected layers: y = activation(W x + b), bound by the bandwidth of reading W.
///
/// W is used where it lies (possibly memory-mapped) in either layout and each weight is read once,
/// in long contiguous runs, with the work split across the cores so that both stream at once. The
/// loops over rows are the kernel variant's (`Kernels/Shared/MatrixVectorRows.swift`).
enum MatrixVector {
    /// Below this many weights a layer runs on one thread (see `parallelWorkThreshold`).
    static let parallelThreshold = parallelWorkThreshold

    /// Rows of W per chunk of work: long contiguous runs (seed's fc6: 19 chunks, fc7: 4), and few
    /// enough partial sums of y to stay in L2 while they are added up (256 rows was 13% slower).
    static let chunkRows = 1024

    /// Chunks of whole rows for `multiplyInputMajor`: one for small layers, else about `chunkRows`
    /// each, in a multiple of 4 so that 2 or 4 cores get the same share (19 chunks for seed's fc6
    /// left one core a chunk behind the other: 0.3 ms). NOTE: not a multiple of the thread count:
    /// the chunks decide the order of the sums, and any `--threads` must give the same bits.
    static func inputMajorChunks(inputs: Int, outputs: Int) -> Int {
        guard inputs * outputs >= parallelThreshold else { return 1 }
        let chunks = (inputs + chunkRows - 1) / chunkRows
        return (chunks + 3) / 4 * 4
    }

    /// Scratch floats for `multiplyInputMajor`: one partial sum of y per chunk.
    static func inputMajorWorkspace(inputs: Int, outputs: Int) -> Int {
        inputMajorChunks(inputs: inputs, outputs: outputs) * outputs
    }

    /// W `[inputs, outputs]` (TensorFlow): y = sum_i x[i] * W[i, :], vectorised over outputs.
    /// Chunks of whole rows go to whichever core is free, so each core streams long contiguous
    /// runs of W. Each chunk sums into its own partial y and the partials are added in chunk
    /// order, so the result does not depend on which core ran which chunk: the same input gives
    /// the same bits on every run (per-worker partials made fc6 differ in the 6th digit).
    /// - Parameters: x `[inputs]`, bias `[outputs]`, y `[outputs]`, workspace
    ///   `inputMajorWorkspace(inputs:outputs:)` floats.
    static func multiplyInputMajor(_ w: UnsafePointer<Float>, inputs: Int, outputs: Int,
                                   x: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                                   activation: Activation, into y: UnsafeMutablePointer<Float>,
                                   workspace: UnsafeMutablePointer<Float>, kernels: KernelTable) {
        let chunks = inputMajorChunks(inputs: inputs, outputs: outputs)
        // Whole sweeps of eight rows; the last chunk takes what is left (possibly nothing).
        let rowsPerChunk = ((inputs + chunks - 1) / chunks + 7) / 8 * 8
        InputMajorWork(w: w, inputs: inputs, outputs: outputs, rowsPerChunk: rowsPerChunk, x: x, partials: workspace,
                       kernels: kernels)
            .run(chunks: chunks)
        kernels.sumPartials(workspace, chunks, outputs, bias, activation, y)
    }

    /// W `[outputs, inputs]` (PyTorch): y[o] = dot(W[o, :], x). Chunks of rows go to whichever
    /// core is free; four rows share each load of x.
    /// - Parameters: x `[inputs]`, bias `[outputs]`, y `[outputs]`.
    static func multiplyOutputMajor(_ w: UnsafePointer<Float>, inputs: Int, outputs: Int,
                                    x: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                                    activation: Activation, into y: UnsafeMutablePointer<Float>,
                                    kernels: KernelTable) {
        // About 1 MB of W per chunk, in whole groups of four rows.
        let rowsPerChunk = max((1 << 18) / max(inputs, 1) / 4 * 4, 4)
        let chunks = inputs * outputs >= parallelThreshold ? (outputs + rowsPerChunk - 1) / rowsPerChunk : 1
        OutputMajorWork(w: w, inputs: inputs, outputs: outputs, rowsPerChunk: chunks == 1 ? outputs : rowsPerChunk,
                        x: x, bias: bias, activation: activation, y: y, kernels: kernels)
            .run(chunks: chunks)
    }
}

private struct InputMajorWork: ChunkedWork {
    let w: UnsafePointer<Float>
    let inputs, outputs, rowsPerChunk: Int
    let x: UnsafePointer<Float>
    /// `[chunks, outputs]`
    let partials: UnsafeMutablePointer<Float>
    let kernels: KernelTable

    func run(chunk: Int, worker: Int) {
        let rows = min(chunk * rowsPerChunk, inputs)..<min((chunk + 1) * rowsPerChunk, inputs)
        let partial = partials + chunk * outputs
        partial.initialize(repeating: 0, count: outputs)
        kernels.accumulateRows(w, rows, outputs, x, partial)
    }
}

private struct OutputMajorWork: ChunkedWork {
    let w: UnsafePointer<Float>
    let inputs, outputs, rowsPerChunk: Int
    let x, bias: UnsafePointer<Float>
    let activation: Activation
    let y: UnsafeMutablePointer<Float>
    let kernels: KernelTable

    func run(chunk: Int, worker: Int) {
        let rows = (chunk * rowsPerChunk)..<min((chunk + 1) * rowsPerChunk, outputs)
        kernels.dotRows(w, rows, inputs, x, bias, activation, y)
    }
}
