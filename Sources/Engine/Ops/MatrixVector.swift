/// Batch-1 fully connected layers: y = activation(W x + b), bound by the bandwidth of reading W.
///
/// W is used where it lies (possibly memory-mapped) in either layout and each weight is read once,
/// in long contiguous runs, with the work split across the cores so that both stream at once.
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
                                   workspace: UnsafeMutablePointer<Float>) {
        let chunks = inputMajorChunks(inputs: inputs, outputs: outputs)
        // Whole sweeps of eight rows; the last chunk takes what is left (possibly nothing).
        let rowsPerChunk = ((inputs + chunks - 1) / chunks + 7) / 8 * 8
        InputMajorWork(w: w, inputs: inputs, outputs: outputs, rowsPerChunk: rowsPerChunk, x: x, partials: workspace)
            .run(chunks: chunks)
        // y = bias + the partial sums in chunk order, then the activation.
        let vectorEnd = outputs / Vector.scalarCount * Vector.scalarCount
        var column = 0
        while column < vectorEnd {
            var sum = bias.loadVector(at: column)
            for chunk in 0..<chunks { sum += workspace.loadVector(at: chunk * outputs + column) }
            y.storeVector(activation.apply(sum), at: column)
            column += Vector.scalarCount
        }
        while column < outputs {
            var sum = bias[column]
            for chunk in 0..<chunks { sum += workspace[chunk * outputs + column] }
            y[column] = activation.apply(sum)
            column += 1
        }
    }

    /// partial[o] += sum over `rows` of x[i] * W[i, o]; eight rows per sweep over `partial`, so it
    /// is loaded and stored an eighth as often while W streams past (measured against 2, 4 and 16
    /// rows per sweep, interleaved in one process: 8 was 4-7% faster than 4 and as fast as
    /// merely reading W; 16 and 2 were slower).
    fileprivate static func accumulateRows(_ w: UnsafePointer<Float>, rows: Range<Int>, outputs: Int,
                                           x: UnsafePointer<Float>, into partial: UnsafeMutablePointer<Float>) {
        let vectorEnd = outputs / Vector.scalarCount * Vector.scalarCount
        var row = rows.lowerBound
        while row + 8 <= rows.upperBound {
            let x0 = Vector(repeating: x[row]), x1 = Vector(repeating: x[row + 1])
            let x2 = Vector(repeating: x[row + 2]), x3 = Vector(repeating: x[row + 3])
            let x4 = Vector(repeating: x[row + 4]), x5 = Vector(repeating: x[row + 5])
            let x6 = Vector(repeating: x[row + 6]), x7 = Vector(repeating: x[row + 7])
            let w0 = w + row * outputs, w1 = w0 + outputs, w2 = w1 + outputs, w3 = w2 + outputs
            let w4 = w3 + outputs, w5 = w4 + outputs, w6 = w5 + outputs, w7 = w6 + outputs
            var column = 0
            while column < vectorEnd {
                var sum = partial.loadVector(at: column)
                sum = sum.addingProduct(x0, w0.loadVector(at: column))
                sum = sum.addingProduct(x1, w1.loadVector(at: column))
                sum = sum.addingProduct(x2, w2.loadVector(at: column))
                sum = sum.addingProduct(x3, w3.loadVector(at: column))
                sum = sum.addingProduct(x4, w4.loadVector(at: column))
                sum = sum.addingProduct(x5, w5.loadVector(at: column))
                sum = sum.addingProduct(x6, w6.loadVector(at: column))
                sum = sum.addingProduct(x7, w7.loadVector(at: column))
                partial.storeVector(sum, at: column)
                column += Vector.scalarCount
            }
            while column < outputs {
                var sum = partial[column]
                for k in 0..<8 { sum += x[row + k] * w0[k * outputs + column] }
                partial[column] = sum
                column += 1
            }
            row += 8
        }
        while row < rows.upperBound {
            let xr = Vector(repeating: x[row])
            let wr = w + row * outputs
            var column = 0
            while column < vectorEnd {
                partial.storeVector(partial.loadVector(at: column).addingProduct(xr, wr.loadVector(at: column)), at: column)
                column += Vector.scalarCount
            }
            while column < outputs {
                partial[column] += x[row] * wr[column]
                column += 1
            }
            row += 1
        }
    }

    /// W `[outputs, inputs]` (PyTorch): y[o] = dot(W[o, :], x). Chunks of rows go to whichever
    /// core is free; four rows share each load of x.
    /// - Parameters: x `[inputs]`, bias `[outputs]`, y `[outputs]`.
    static func multiplyOutputMajor(_ w: UnsafePointer<Float>, inputs: Int, outputs: Int,
                                    x: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                                    activation: Activation, into y: UnsafeMutablePointer<Float>) {
        // About 1 MB of W per chunk, in whole groups of four rows.
        let rowsPerChunk = max((1 << 18) / max(inputs, 1) / 4 * 4, 4)
        let chunks = inputs * outputs >= parallelThreshold ? (outputs + rowsPerChunk - 1) / rowsPerChunk : 1
        OutputMajorWork(w: w, inputs: inputs, outputs: outputs, rowsPerChunk: chunks == 1 ? outputs : rowsPerChunk,
                        x: x, bias: bias, activation: activation, y: y)
            .run(chunks: chunks)
    }

    /// y[o] = activation(dot(W[o, :], x) + bias[o]) for o in `rows`; four rows share each load of x.
    fileprivate static func dotRows(_ w: UnsafePointer<Float>, rows: Range<Int>, inputs: Int, x: UnsafePointer<Float>,
                                    bias: UnsafePointer<Float>, activation: Activation,
                                    into y: UnsafeMutablePointer<Float>) {
        let vectorEnd = inputs / Vector.scalarCount * Vector.scalarCount
        var row = rows.lowerBound
        while row + 4 <= rows.upperBound {
            let w0 = w + row * inputs, w1 = w0 + inputs, w2 = w1 + inputs, w3 = w2 + inputs
            var s0 = Vector(), s1 = Vector(), s2 = Vector(), s3 = Vector()
            var i = 0
            while i < vectorEnd {
                let xv = x.loadVector(at: i)
                s0 = s0.addingProduct(xv, w0.loadVector(at: i))
                s1 = s1.addingProduct(xv, w1.loadVector(at: i))
                s2 = s2.addingProduct(xv, w2.loadVector(at: i))
                s3 = s3.addingProduct(xv, w3.loadVector(at: i))
                i += Vector.scalarCount
            }
            var t0 = s0.sum(), t1 = s1.sum(), t2 = s2.sum(), t3 = s3.sum()
            while i < inputs {
                t0 += w0[i] * x[i]; t1 += w1[i] * x[i]; t2 += w2[i] * x[i]; t3 += w3[i] * x[i]
                i += 1
            }
            y[row] = activation.apply(t0 + bias[row])
            y[row + 1] = activation.apply(t1 + bias[row + 1])
            y[row + 2] = activation.apply(t2 + bias[row + 2])
            y[row + 3] = activation.apply(t3 + bias[row + 3])
            row += 4
        }
        while row < rows.upperBound {
            let wr = w + row * inputs
            var s = Vector()
            var i = 0
            while i < vectorEnd {
                s = s.addingProduct(x.loadVector(at: i), wr.loadVector(at: i))
                i += Vector.scalarCount
            }
            var t = s.sum()
            while i < inputs {
                t += wr[i] * x[i]
                i += 1
            }
            y[row] = activation.apply(t + bias[row])
            row += 1
        }
    }
}

private struct InputMajorWork: ChunkedWork {
    let w: UnsafePointer<Float>
    let inputs, outputs, rowsPerChunk: Int
    let x: UnsafePointer<Float>
    /// `[chunks, outputs]`
    let partials: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        let rows = min(chunk * rowsPerChunk, inputs)..<min((chunk + 1) * rowsPerChunk, inputs)
        let partial = partials + chunk * outputs
        partial.initialize(repeating: 0, count: outputs)
        MatrixVector.accumulateRows(w, rows: rows, outputs: outputs, x: x, into: partial)
    }
}

private struct OutputMajorWork: ChunkedWork {
    let w: UnsafePointer<Float>
    let inputs, outputs, rowsPerChunk: Int
    let x, bias: UnsafePointer<Float>
    let activation: Activation
    let y: UnsafeMutablePointer<Float>

    func run(chunk: Int, worker: Int) {
        let rows = (chunk * rowsPerChunk)..<min((chunk + 1) * rowsPerChunk, outputs)
        MatrixVector.dotRows(w, rows: rows, inputs: inputs, x: x, bias: bias, activation: activation, into: y)
    }
}
