/// Batch-1 fully connected layers: y = activation(W x + b), bound by the bandwidth of reading W.
///
/// W is used where it lies (possibly memory-mapped) in either layout and each weight is read once,
/// in long contiguous runs, with the work split across the cores so that both stream at once.
enum MatrixVector {
    /// Below this many weights a second thread costs more than it saves.
    static let parallelThreshold = 1 << 16

    /// W `[inputs, outputs]` (TensorFlow): y[o] = sum_i x[i] * W[i, o], vectorised over outputs;
    /// each worker owns a contiguous range of output columns and streams its part of every row.
    /// - Parameters: x `[inputs]`, bias `[outputs]`, y `[outputs]`.
    static func multiplyInputMajor(_ w: UnsafePointer<Float>, inputs: Int, outputs: Int,
                                   x: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                                   activation: Activation, into y: UnsafeMutablePointer<Float>) {
        let workers = inputs * outputs >= parallelThreshold ? workerCount : 1
        parallelFor(workers) { worker in
            let columns = partition(outputs, parts: workers, index: worker, granule: Vector.scalarCount)
            guard !columns.isEmpty else { return }
            (y + columns.lowerBound).update(from: bias + columns.lowerBound, count: columns.count)
            let vectorEnd = columns.lowerBound + columns.count / Vector.scalarCount * Vector.scalarCount
            // Four rows per sweep over y: y stays in L1 and is loaded and stored a quarter as often.
            var row = 0
            while row + 4 <= inputs {
                let x0 = Vector(repeating: x[row]), x1 = Vector(repeating: x[row + 1])
                let x2 = Vector(repeating: x[row + 2]), x3 = Vector(repeating: x[row + 3])
                let w0 = w + row * outputs, w1 = w0 + outputs, w2 = w1 + outputs, w3 = w2 + outputs
                var column = columns.lowerBound
                while column < vectorEnd {
                    var sum = y.loadVector(at: column)
                    sum = sum.addingProduct(x0, w0.loadVector(at: column))
                    sum = sum.addingProduct(x1, w1.loadVector(at: column))
                    sum = sum.addingProduct(x2, w2.loadVector(at: column))
                    sum = sum.addingProduct(x3, w3.loadVector(at: column))
                    y.storeVector(sum, at: column)
                    column += Vector.scalarCount
                }
                while column < columns.upperBound {
                    y[column] += x[row] * w0[column] + x[row + 1] * w1[column]
                        + x[row + 2] * w2[column] + x[row + 3] * w3[column]
                    column += 1
                }
                row += 4
            }
            while row < inputs {
                let xr = Vector(repeating: x[row])
                let wr = w + row * outputs
                var column = columns.lowerBound
                while column < vectorEnd {
                    y.storeVector(y.loadVector(at: column).addingProduct(xr, wr.loadVector(at: column)), at: column)
                    column += Vector.scalarCount
                }
                while column < columns.upperBound {
                    y[column] += x[row] * wr[column]
                    column += 1
                }
                row += 1
            }
            activation.apply(to: y + columns.lowerBound, count: columns.count)
        }
    }

    /// W `[outputs, inputs]` (PyTorch): y[o] = dot(W[o, :], x); each worker owns a contiguous
    /// range of rows, and four rows share each load of x.
    /// - Parameters: x `[inputs]`, bias `[outputs]`, y `[outputs]`.
    static func multiplyOutputMajor(_ w: UnsafePointer<Float>, inputs: Int, outputs: Int,
                                    x: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                                    activation: Activation, into y: UnsafeMutablePointer<Float>) {
        let workers = inputs * outputs >= parallelThreshold ? workerCount : 1
        let vectorEnd = inputs / Vector.scalarCount * Vector.scalarCount
        parallelFor(workers) { worker in
            let rows = partition(outputs, parts: workers, index: worker, granule: 4)
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
}
