/// Single-precision matrix product with a fused epilogue, the arithmetic behind convolution:
/// C[m, n] = activation(sum_k A[m, k] * B[k, n] + bias[n]).
///
/// B (the weights) is packed once into column panels (`PackedMatrix`); A is read in place, row
/// by row, so an im2col buffer or a 1x1 convolution's input needs no second copy. The work is
/// tiled for the registers (8 rows x 32 columns, 16 SIMD16 accumulators); the depth is cut into
/// a few long passes, each adding into C (measured: passes of 600-1200 ran about 5% faster than
/// passes of 256 sized for L1, and 128 slower still; B streams from L2 without stalling).
enum GEMM {
    /// Rows of C per micro-tile.
    static let tileRows = 8
    /// Columns of C per micro-tile and per packed panel of B.
    static let panelWidth = 32
    /// The most rows of B (depth) per pass; a depth is split into passes of equal length.
    static let depthBlock = 768

    /// Scratch floats `multiply` needs: one zero-padded tile of A and one of C for edge tiles.
    static let scratchFloats = tileRows * depthBlock + tileRows * panelWidth

    /// C[rows, b.columns] = activation(A[rows, b.rows] * B + bias) on the calling thread, for the
    /// columns of B's `panels` (all by default).
    /// - Parameters:
    ///   - a: `[rows, b.rows]`, row stride `lda`.
    ///   - c: `[rows, b.columns]`, row stride `ldc`.
    ///   - scratch: `scratchFloats` floats of this thread's own.
    static func multiply(_ a: UnsafePointer<Float>, lda: Int, rows: Int, by b: PackedMatrix,
                         panels: Range<Int>? = nil, activation: Activation,
                         into c: UnsafeMutablePointer<Float>, ldc: Int, scratch: UnsafeMutablePointer<Float>) {
        let depth = b.rows
        let passes = (depth + depthBlock - 1) / depthBlock
        let passDepth = (depth + passes - 1) / max(passes, 1)
        var depthStart = 0
        while depthStart < depth {
            let blockDepth = min(passDepth, depth - depthStart)
            let first = depthStart == 0
            let last = depthStart + blockDepth == depth
            for panel in panels ?? 0..<b.panelCount {
                let panelB = b.panel(panel) + depthStart * panelWidth
                let column = panel * panelWidth
                let width = min(panelWidth, b.columns - column)
                let bias = last ? b.bias.map { $0 + column } : nil
                var row = 0
                while row < rows {
                    let height = min(tileRows, rows - row)
                    let tileA = a + row * lda + depthStart
                    let tileC = c + row * ldc + column
                    if height == tileRows && width == panelWidth {
                        kernel(depth: blockDepth, a: tileA, lda: lda, b: panelB, c: tileC, ldc: ldc,
                               accumulate: !first, bias: bias, activation: last ? activation : .identity)
                    } else {
                        edgeTile(height: height, width: width, depth: blockDepth, a: tileA, lda: lda, scratch: scratch,
                                 b: panelB, c: tileC, ldc: ldc, accumulate: !first, bias: bias,
                                 activation: last ? activation : .identity)
                    }
                    row += tileRows
                }
            }
            depthStart += blockDepth
        }
    }

    /// A tile at the bottom or right edge: copied into full-size scratch tiles (zero rows of A,
    /// spare columns of C) so that the one micro-kernel serves every tile.
    private static func edgeTile(height: Int, width: Int, depth: Int, a: UnsafePointer<Float>, lda: Int,
                                 scratch: UnsafeMutablePointer<Float>,
                                 b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, ldc: Int,
                                 accumulate: Bool, bias: UnsafePointer<Float>?, activation: Activation) {
        let tileA = scratch
        let tileC = scratch + tileRows * depthBlock
        tileA.initialize(repeating: 0, count: tileRows * depth)
        tileC.initialize(repeating: 0, count: tileRows * panelWidth)
        for row in 0..<height {
            (tileA + row * depth).update(from: a + row * lda, count: depth)
            if accumulate { (tileC + row * panelWidth).update(from: c + row * ldc, count: width) }
        }
        kernel(depth: depth, a: tileA, lda: depth, b: b, c: tileC, ldc: panelWidth,
               accumulate: accumulate, bias: bias, activation: activation)
        for row in 0..<height {
            (c + row * ldc).update(from: tileC + row * panelWidth, count: width)
        }
    }

    /// The register tile: C[8, 32] (+)= A[8, depth] * B-panel[depth, 32], then bias and
    /// activation when given. Generated shape: one broadcast of A and 2 loads of B feed
    /// 16 fused multiply-adds per step of depth.
    @inline(__always)
    private static func kernel(depth: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>,
                               c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool,
                               bias: UnsafePointer<Float>?, activation: Activation) {
        var c00 = Vector(), c01 = Vector(), c10 = Vector(), c11 = Vector(), c20 = Vector(), c21 = Vector(), c30 = Vector(), c31 = Vector(), c40 = Vector(), c41 = Vector(), c50 = Vector(), c51 = Vector(), c60 = Vector(), c61 = Vector(), c70 = Vector(), c71 = Vector()
        if accumulate {
            c00 = c.loadVector(at: 0 * ldc + 0); c01 = c.loadVector(at: 0 * ldc + 16)
            c10 = c.loadVector(at: 1 * ldc + 0); c11 = c.loadVector(at: 1 * ldc + 16)
            c20 = c.loadVector(at: 2 * ldc + 0); c21 = c.loadVector(at: 2 * ldc + 16)
            c30 = c.loadVector(at: 3 * ldc + 0); c31 = c.loadVector(at: 3 * ldc + 16)
            c40 = c.loadVector(at: 4 * ldc + 0); c41 = c.loadVector(at: 4 * ldc + 16)
            c50 = c.loadVector(at: 5 * ldc + 0); c51 = c.loadVector(at: 5 * ldc + 16)
            c60 = c.loadVector(at: 6 * ldc + 0); c61 = c.loadVector(at: 6 * ldc + 16)
            c70 = c.loadVector(at: 7 * ldc + 0); c71 = c.loadVector(at: 7 * ldc + 16)
        }
        let a0 = a + 0 * lda
        let a1 = a + 1 * lda
        let a2 = a + 2 * lda
        let a3 = a + 3 * lda
        let a4 = a + 4 * lda
        let a5 = a + 5 * lda
        let a6 = a + 6 * lda
        let a7 = a + 7 * lda
        var bp = b
        for k in 0..<depth {
            let b0 = bp.loadVector(at: 0); let b1 = bp.loadVector(at: 16)
            let x0 = Vector(repeating: a0[k])
            c00 = c00.addingProduct(x0, b0); c01 = c01.addingProduct(x0, b1)
            let x1 = Vector(repeating: a1[k])
            c10 = c10.addingProduct(x1, b0); c11 = c11.addingProduct(x1, b1)
            let x2 = Vector(repeating: a2[k])
            c20 = c20.addingProduct(x2, b0); c21 = c21.addingProduct(x2, b1)
            let x3 = Vector(repeating: a3[k])
            c30 = c30.addingProduct(x3, b0); c31 = c31.addingProduct(x3, b1)
            let x4 = Vector(repeating: a4[k])
            c40 = c40.addingProduct(x4, b0); c41 = c41.addingProduct(x4, b1)
            let x5 = Vector(repeating: a5[k])
            c50 = c50.addingProduct(x5, b0); c51 = c51.addingProduct(x5, b1)
            let x6 = Vector(repeating: a6[k])
            c60 = c60.addingProduct(x6, b0); c61 = c61.addingProduct(x6, b1)
            let x7 = Vector(repeating: a7[k])
            c70 = c70.addingProduct(x7, b0); c71 = c71.addingProduct(x7, b1)
            bp += 32
        }
        if let bias {
            let bias0 = bias.loadVector(at: 0); let bias1 = bias.loadVector(at: 16)
            c00 += bias0; c01 += bias1
            c10 += bias0; c11 += bias1
            c20 += bias0; c21 += bias1
            c30 += bias0; c31 += bias1
            c40 += bias0; c41 += bias1
            c50 += bias0; c51 += bias1
            c60 += bias0; c61 += bias1
            c70 += bias0; c71 += bias1
        }
        c.storeVector(activation.apply(c00), at: 0 * ldc + 0); c.storeVector(activation.apply(c01), at: 0 * ldc + 16)
        c.storeVector(activation.apply(c10), at: 1 * ldc + 0); c.storeVector(activation.apply(c11), at: 1 * ldc + 16)
        c.storeVector(activation.apply(c20), at: 2 * ldc + 0); c.storeVector(activation.apply(c21), at: 2 * ldc + 16)
        c.storeVector(activation.apply(c30), at: 3 * ldc + 0); c.storeVector(activation.apply(c31), at: 3 * ldc + 16)
        c.storeVector(activation.apply(c40), at: 4 * ldc + 0); c.storeVector(activation.apply(c41), at: 4 * ldc + 16)
        c.storeVector(activation.apply(c50), at: 5 * ldc + 0); c.storeVector(activation.apply(c51), at: 5 * ldc + 16)
        c.storeVector(activation.apply(c60), at: 6 * ldc + 0); c.storeVector(activation.apply(c61), at: 6 * ldc + 16)
        c.storeVector(activation.apply(c70), at: 7 * ldc + 0); c.storeVector(activation.apply(c71), at: 7 * ldc + 16)
    }
}

/// A matrix B[rows, columns] packed once into panels of `GEMM.panelWidth` columns: panel p holds
/// B[0..<rows, p*width ..< (p+1)*width] row after row, zero past `columns`, so the micro-kernel
/// reads it as one contiguous stream. Also holds the bias, padded the same way.
final class PackedMatrix: @unchecked Sendable {
    let rows: Int
    let columns: Int
    let panelCount: Int
    /// `[panelCount, rows, panelWidth]`
    private let storage: UnsafeMutablePointer<Float>
    /// `[panelCount * panelWidth]`, or nil for no bias.
    let bias: UnsafePointer<Float>?

    /// Packs B from row-major memory with row stride `ldb`; `bias` has `columns` floats.
    init(_ b: UnsafePointer<Float>, rows: Int, columns: Int, ldb: Int, bias: UnsafePointer<Float>?) {
        let width = GEMM.panelWidth
        self.rows = rows
        self.columns = columns
        panelCount = (columns + width - 1) / width
        let padded = panelCount * width
        storage = UnsafeMutablePointer<Float>.allocate(capacity: max(panelCount * rows * width, 1))
        storage.initialize(repeating: 0, count: panelCount * rows * width)
        for panel in 0..<panelCount {
            let column = panel * width
            let count = min(width, columns - column)
            for row in 0..<rows {
                (storage + (panel * rows + row) * width).update(from: b + row * ldb + column, count: count)
            }
        }
        if let bias {
            let padded = UnsafeMutablePointer<Float>.allocate(capacity: padded)
            padded.initialize(repeating: 0, count: panelCount * width)
            padded.update(from: bias, count: columns)
            self.bias = UnsafePointer(padded)
        } else {
            self.bias = nil
        }
    }

    deinit {
        storage.deallocate()
        bias?.deallocate()
    }

    /// Panel `index`: `[rows, panelWidth]`.
    @inline(__always) func panel(_ index: Int) -> UnsafePointer<Float> {
        UnsafePointer(storage + index * rows * GEMM.panelWidth)
    }
}
