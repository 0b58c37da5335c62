/// Single-precision matrix product with a fused epilogue, the arithmetic behind convolution:
/// C[m, n] = activation(sum_k A[m, k] * B[k, n] + bias[n]).
///
/// B (the weights) is packed once into column panels (`PackedMatrix`); A is read where it lies
/// (`MatrixRows`), so a convolution multiplies its input in place, without an im2col copy. The
/// work is tiled for the registers (8 rows x 32 columns, 16 SIMD16 accumulators) and runs the
/// whole depth in one pass. NOTE: no depth blocking for the caches: measured per core, one pass
/// over depths up to 3456 beat passes of 768 by about 2%, 256 by 7% and 128 by 12%; B streams
/// from L2 without stalling the broadcast-FMA loop.
enum GEMM {
    /// Rows of C per micro-tile.
    static let tileRows = 8
    /// Columns of C per micro-tile and per packed panel of B.
    static let panelWidth = 32

    /// Scratch floats `multiply` needs: a tile of C for the edge tiles.
    static let scratchFloats = tileRows * panelWidth

    /// C[m, :] = activation(A[m, :] * B + bias) for m in `rows`, on the calling thread, for the
    /// columns of B's `panels` (all by default).
    /// - Parameters:
    ///   - c: C's row `rows.lowerBound`, `[rows.count, b.columns]` with row stride `ldc`.
    ///   - scratch: `scratchFloats` floats of this thread's own.
    static func multiply(_ a: MatrixRows, rows: Range<Int>, by b: PackedMatrix, panels: Range<Int>? = nil,
                         activation: Activation, into c: UnsafeMutablePointer<Float>, ldc: Int,
                         scratch: UnsafeMutablePointer<Float>) {
        for panel in panels ?? 0..<b.panelCount {
            let panelB = b.panel(panel)
            let column = panel * panelWidth
            let width = min(panelWidth, b.columns - column)
            let bias = b.bias.map { $0 + column }
            var row = rows.lowerBound
            while row < rows.upperBound {
                let height = min(tileRows, rows.upperBound - row)
                let tileA = a.tile(from: row, count: height)
                let tileC = c + (row - rows.lowerBound) * ldc + column
                if height == tileRows && width == panelWidth {
                    kernel(FullTile.self, rows: tileA, a: a, b: panelB, c: tileC, ldc: ldc, bias: bias,
                           activation: activation)
                } else {
                    // Edge tile: computed into a scratch tile of C, of which only the valid part
                    // is copied out (writing past it could clobber rows another thread owns).
                    // Missing rows of A repeat the last one; B is zero past its columns. Four
                    // rows or fewer take the half-height kernel: the last tile of a 14x14 map
                    // (196 rows) has 4 rows, of a 13x13 map (169) 1.
                    if height <= HalfTile.rows {
                        kernel(HalfTile.self, rows: tileA, a: a, b: panelB, c: scratch, ldc: panelWidth, bias: bias,
                               activation: activation)
                    } else {
                        kernel(FullTile.self, rows: tileA, a: a, b: panelB, c: scratch, ldc: panelWidth, bias: bias,
                               activation: activation)
                    }
                    for r in 0..<height { copyFloats(from: scratch + r * panelWidth, to: tileC + r * ldc, count: width) }
                }
                row += tileRows
            }
        }
    }

    /// The register tile: C[rows, 32] = activation(A[rows, depth] * B-panel[depth, 32] + bias), for
    /// the 8 rows (or, with `HalfTile`, the first 4) starting at `rows`, over `a`'s segments. Each
    /// step of depth loads 2 vectors of B and broadcasts 8 values of A into 16 fused multiply-adds;
    /// written out in full so that the 16 accumulators stay in registers (measured against 6x64,
    /// 7x64, 12x32 and 14x32 tiles: 12 and 14 rows spill registers, 64 columns were no faster).
    /// `Height.rows` is a constant once specialised, so the half tile's branches fold away.
    @inline(__always)
    private static func kernel<Height: TileHeight>(_ height: Height.Type, rows: MatrixRows.Tile, a: MatrixRows,
                                                   b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, ldc: Int,
                                                   bias: UnsafePointer<Float>?, activation: Activation) {
        let full = Height.rows == 8
        var c00 = Vector(), c01 = Vector(), c10 = Vector(), c11 = Vector(), c20 = Vector(), c21 = Vector()
        var c30 = Vector(), c31 = Vector(), c40 = Vector(), c41 = Vector(), c50 = Vector(), c51 = Vector()
        var c60 = Vector(), c61 = Vector(), c70 = Vector(), c71 = Vector()
        var bp = b
        var offset = 0
        for _ in 0..<a.segments {
            let a0 = rows.0 + offset, a1 = rows.1 + offset, a2 = rows.2 + offset, a3 = rows.3 + offset
            let a4 = rows.4 + offset, a5 = rows.5 + offset, a6 = rows.6 + offset, a7 = rows.7 + offset
            for k in 0..<a.segmentLength {
                let b0 = bp.loadVector(at: 0); let b1 = bp.loadVector(at: 16)
                let x0 = Vector(repeating: a0[k])
                c00 = c00.addingProduct(x0, b0); c01 = c01.addingProduct(x0, b1)
                let x1 = Vector(repeating: a1[k])
                c10 = c10.addingProduct(x1, b0); c11 = c11.addingProduct(x1, b1)
                let x2 = Vector(repeating: a2[k])
                c20 = c20.addingProduct(x2, b0); c21 = c21.addingProduct(x2, b1)
                let x3 = Vector(repeating: a3[k])
                c30 = c30.addingProduct(x3, b0); c31 = c31.addingProduct(x3, b1)
                if full {
                    let x4 = Vector(repeating: a4[k])
                    c40 = c40.addingProduct(x4, b0); c41 = c41.addingProduct(x4, b1)
                    let x5 = Vector(repeating: a5[k])
                    c50 = c50.addingProduct(x5, b0); c51 = c51.addingProduct(x5, b1)
                    let x6 = Vector(repeating: a6[k])
                    c60 = c60.addingProduct(x6, b0); c61 = c61.addingProduct(x6, b1)
                    let x7 = Vector(repeating: a7[k])
                    c70 = c70.addingProduct(x7, b0); c71 = c71.addingProduct(x7, b1)
                }
                bp += 32
            }
            offset += a.segmentStride
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
        guard full else { return }
        c.storeVector(activation.apply(c40), at: 4 * ldc + 0); c.storeVector(activation.apply(c41), at: 4 * ldc + 16)
        c.storeVector(activation.apply(c50), at: 5 * ldc + 0); c.storeVector(activation.apply(c51), at: 5 * ldc + 16)
        c.storeVector(activation.apply(c60), at: 6 * ldc + 0); c.storeVector(activation.apply(c61), at: 6 * ldc + 16)
        c.storeVector(activation.apply(c70), at: 7 * ldc + 0); c.storeVector(activation.apply(c71), at: 7 * ldc + 16)
    }
}

/// The height of a register tile, as a type so that the kernel is specialised for it.
protocol TileHeight { static var rows: Int { get } }
/// The kernel's full 8 rows.
enum FullTile: TileHeight { static var rows: Int { GEMM.tileRows } }
/// The first 4 rows only: half the work for a last tile of 4 rows or fewer.
enum HalfTile: TileHeight { static var rows: Int { GEMM.tileRows / 2 } }

/// The left matrix A of a product, read where it lies. Row m starts at
/// `base + (m / rowsPerLine) * lineStride + (m % rowsPerLine) * rowStride`; along the depth it
/// is `segments` runs of `segmentLength` floats, `segmentStride` apart.
///
/// A row-major matrix is one run per row. A convolution reads its (zero-padded) `[H, W, C]`
/// input: one row per output pixel, lines of output width; one run per kernel row, the kw * C
/// floats under the window being contiguous in HWC - the order of HWIO weights' rows.
struct MatrixRows {
    let base: UnsafePointer<Float>
    let rowsPerLine, lineStride, rowStride: Int
    let segments, segmentLength, segmentStride: Int

    /// Starts of the 8 rows of a micro-tile.
    typealias Tile = (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>,
                      UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>)

    init(base: UnsafePointer<Float>, rowsPerLine: Int, lineStride: Int, rowStride: Int,
         segments: Int, segmentLength: Int, segmentStride: Int) {
        self.base = base
        self.rowsPerLine = rowsPerLine
        self.lineStride = lineStride
        self.rowStride = rowStride
        self.segments = segments
        self.segmentLength = segmentLength
        self.segmentStride = segmentStride
    }

    /// A row-major `[rows, depth]` matrix with row stride `lda`.
    init(_ base: UnsafePointer<Float>, lda: Int, depth: Int) {
        self.init(base: base, rowsPerLine: 1, lineStride: lda, rowStride: 0,
                  segments: 1, segmentLength: depth, segmentStride: depth)
    }

    var depth: Int { segments * segmentLength }

    /// Rows `first ..< first + 8`, rows from `count` on repeating the last one (an edge tile
    /// computes them and throws them away).
    @inline(__always)
    func tile(from first: Int, count: Int) -> Tile {
        var line = first / rowsPerLine, position = first % rowsPerLine
        var pointers = (base, base, base, base, base, base, base, base)
        withUnsafeMutableBytes(of: &pointers) { raw in
            let slots = raw.bindMemory(to: UnsafePointer<Float>.self)
            for index in 0..<GEMM.tileRows {
                slots[index] = base + line * lineStride + position * rowStride
                if index + 1 < count {
                    position += 1
                    if position == rowsPerLine { position = 0; line += 1 }
                }
            }
        }
        return pointers
    }
}

/// A matrix B[rows, columns] packed once into panels of `GEMM.panelWidth` columns: panel p holds
/// B[0..<rows, p*width ..< (p+1)*width] row after row, zero past `columns`, so the micro-kernel
/// reads it as one contiguous stream. Also holds the bias, padded the same way.
// Unchecked: packed in `init`, only read afterwards, from any thread.
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
