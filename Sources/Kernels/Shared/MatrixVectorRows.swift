import KernelSupport

// The loops of batch-1 dense layers (the engine's `Ops/MatrixVector.swift` cuts the work into
// chunks and shares them between threads).

/// y = activation(bias + the partial sums `[chunks, outputs]` in chunk order), so that the
/// result does not depend on which thread summed which chunk.
func sumPartials(_ partials: UnsafePointer<Float>, chunks: Int, outputs: Int, bias: UnsafePointer<Float>,
                 activation: Activation, into y: UnsafeMutablePointer<Float>) {
    let vectorEnd = outputs / Vector.scalarCount * Vector.scalarCount
    var column = 0
    while column < vectorEnd {
        var sum = bias.loadVector(at: column)
        for chunk in 0..<chunks { sum += partials.loadVector(at: chunk * outputs + column) }
        y.storeVector(activation.apply(sum), at: column)
        column += Vector.scalarCount
    }
    while column < outputs {
        var sum = bias[column]
        for chunk in 0..<chunks { sum += partials[chunk * outputs + column] }
        y[column] = activation.apply(sum)
        column += 1
    }
}

/// partial[o] += sum over `rows` of x[i] * W[i, o]; eight rows per sweep over `partial`, so it
/// is loaded and stored an eighth as often while W streams past (measured against 2, 4 and 16
/// rows per sweep, interleaved in one process: 8 was 4-7% faster than 4 and as fast as
/// merely reading W; 16 and 2 were slower).
func accumulateRows(_ w: UnsafePointer<Float>, rows: Range<Int>, outputs: Int,
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
            sum = multiplyAdd(sum, x0, w0.loadVector(at: column))
            sum = multiplyAdd(sum, x1, w1.loadVector(at: column))
            sum = multiplyAdd(sum, x2, w2.loadVector(at: column))
            sum = multiplyAdd(sum, x3, w3.loadVector(at: column))
            sum = multiplyAdd(sum, x4, w4.loadVector(at: column))
            sum = multiplyAdd(sum, x5, w5.loadVector(at: column))
            sum = multiplyAdd(sum, x6, w6.loadVector(at: column))
            sum = multiplyAdd(sum, x7, w7.loadVector(at: column))
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
            partial.storeVector(multiplyAdd(partial.loadVector(at: column), xr, wr.loadVector(at: column)), at: column)
            column += Vector.scalarCount
        }
        while column < outputs {
            partial[column] += x[row] * wr[column]
            column += 1
        }
        row += 1
    }
}

/// y[o] = activation(dot(W[o, :], x) + bias[o]) for o in `rows`; four rows share each load of x.
func dotRows(_ w: UnsafePointer<Float>, rows: Range<Int>, inputs: Int, x: UnsafePointer<Float>,
             bias: UnsafePointer<Float>, activation: Activation, into y: UnsafeMutablePointer<Float>) {
    let vectorEnd = inputs / Vector.scalarCount * Vector.scalarCount
    var row = rows.lowerBound
    while row + 4 <= rows.upperBound {
        let w0 = w + row * inputs, w1 = w0 + inputs, w2 = w1 + inputs, w3 = w2 + inputs
        var s0 = Vector(), s1 = Vector(), s2 = Vector(), s3 = Vector()
        var i = 0
        while i < vectorEnd {
            let xv = x.loadVector(at: i)
            s0 = multiplyAdd(s0, xv, w0.loadVector(at: i))
            s1 = multiplyAdd(s1, xv, w1.loadVector(at: i))
            s2 = multiplyAdd(s2, xv, w2.loadVector(at: i))
            s3 = multiplyAdd(s3, xv, w3.loadVector(at: i))
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
            s = multiplyAdd(s, x.loadVector(at: i), wr.loadVector(at: i))
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
