import KernelIntrinsics
import KernelSupport

/// Single-precision matrix product with a fused epilogue, the arithmetic behind convolution:
/// C[m, n] = activation(sum_k A[m, k] * B[k, n] + bias[n]).
///
/// B (the weights) is packed once into column panels (`PackedMatrix`); A is read where it lies
/// (`MatrixRows`), so a convolution multiplies its input in place, without an im2col copy (only
/// Winograd's V, whose rows lie far apart, is packed a tile of rows at a time where that is
/// faster: `multiplyPackingRows`). The
/// work is tiled for the registers (`Variant.tileRows` rows x 2 vectors: 8 x 32 columns with 16
/// zmm accumulators on AVX-512, 6 x 16 with 12 ymm on AVX2) and runs the whole depth in one pass.
/// NOTE: no depth blocking for the caches: measured per core (AVX-512, AMD EPYC Zen 4), one
/// pass over depths up to 3456 beat passes of 768 by about 2%, 256 by 7% and 128 by 12%. B
/// streams from L2, and from memory the first time; the tile asks for it ahead
/// (`bPrefetchDistance`, `NextPanelPrefetch`), which Intel's cores needed.
enum GEMM {
    /// Rows of C per micro-tile.
    static var tileRows: Int { Variant.tileRows }
    /// Columns of C per micro-tile and per packed panel of B: two vectors.
    static var panelWidth: Int { 2 * Vector.scalarCount }
    /// How far ahead of its reads the register tile asks for B's lines in L1: 1 KiB, 8 steps of
    /// depth on AVX-512. NOTE: a panel (49 KB for a depth of 384) does not stay in L1 between the
    /// tiles that share it, and the tile stalled on B's loads from L2. Measured on Intel Xeon
    /// family 6 model 207 (one thread, `engine-bench seed`, best of 8 runs): conv1 and conv3-5
    /// 3-5% faster than without, 512 B and 2 KiB ahead within noise of 1 KiB.
    static let bPrefetchDistance = 1024

    /// C[m, :] = activation(A[m, :] * B + bias) for m in `rows`, on the calling thread, for the
    /// columns of B's `panels`.
    /// - Parameters:
    ///   - c: C's row `rows.lowerBound`, `[rows.count, b.columns]` with row stride `ldc`.
    ///   - scratch: `tileRows * panelWidth` floats of this thread's own.
    @inline(never)
    static func multiply(_ a: MatrixRows, rows: Range<Int>, by b: PackedMatrix, panels: Range<Int>,
                         activation: Activation, into c: UnsafeMutablePointer<Float>, ldc: Int,
                         scratch: UnsafeMutablePointer<Float>) {
        precondition(b.panelWidth == panelWidth, "B was packed for another kernel variant")
        for panel in panels {
            var row = rows.lowerBound
            while row < rows.upperBound {
                let height = min(tileRows, rows.upperBound - row)
                let prefetch = NextPanelPrefetch(b, panel: panel, panels: panels, part: (row - rows.lowerBound) / tileRows)
                multiplyTile(InPlaceRows.self, a.tile(from: row, count: height), height: height, a: a, by: b,
                             panel: panel, activation: activation, into: c + (row - rows.lowerBound) * ldc, ldc: ldc,
                             scratch: scratch, prefetch: prefetch)
                row += tileRows
            }
        }
    }

    /// `multiply` for a row-major A whose rows lie far apart (Winograd's V): each tile of rows is
    /// packed depth-major into `scratch` (after the tile of C), then multiplied by every panel.
    /// NOTE: read in place, a tile's rows are as many streams of A, which the caches follow
    /// badly; packed, one. A C model of V's products (49 rows, depth 256, 384 columns, AMD EPYC
    /// Zen 4, one thread) went from 78-82 to 93-100 GFLOP/s on the AVX2 tile, the AVX-512 one
    /// even; in the engine AVX-512 lost, so each variant says whether it packs
    /// (`Variant.packsFarRows`).
    /// - Parameter scratch: `tileRows * (panelWidth + a.depth)` floats of this thread's own.
    @inline(never)
    static func multiplyPackingRows(_ a: MatrixRows, rows: Range<Int>, by b: PackedMatrix, panels: Range<Int>,
                                    activation: Activation, into c: UnsafeMutablePointer<Float>, ldc: Int,
                                    scratch: UnsafeMutablePointer<Float>) {
        precondition(b.panelWidth == panelWidth, "B was packed for another kernel variant")
        precondition(a.segments == 1, "A must be row-major")
        let packed = scratch + tileRows * panelWidth
        let first = UnsafePointer(packed)
        let packedA = MatrixRows(first, lda: 0, depth: a.depth)
        // Row r's values start at `first + r` (rows past `tileRows` are never read).
        let rowsA = (first, first + 1, first + 2, first + 3, first + 4, first + 5, first + 6, first + 7)
        var row = rows.lowerBound
        while row < rows.upperBound {
            let height = min(tileRows, rows.upperBound - row)
            packRows(a.tile(from: row, count: height), depth: a.depth, into: packed)
            for panel in panels {
                let prefetch = NextPanelPrefetch(b, panel: panel, panels: panels, part: (row - rows.lowerBound) / tileRows)
                multiplyTile(PackedRows.self, rowsA, height: height, a: packedA, by: b, panel: panel,
                             activation: activation, into: c + (row - rows.lowerBound) * ldc, ldc: ldc, scratch: scratch,
                             prefetch: prefetch)
            }
            row += tileRows
        }
    }

    /// packed[k * tileRows + r] = row r's value at depth k, for the tile's `tileRows` rows.
    @inline(__always)
    private static func packRows(_ rows: MatrixRows.Tile, depth: Int, into packed: UnsafeMutablePointer<Float>) {
        withUnsafeBytes(of: rows) { raw in
            let starts = raw.bindMemory(to: UnsafePointer<Float>.self)
            for r in 0..<tileRows {
                let source = starts[r]
                for k in 0..<depth { packed[k * tileRows + r] = source[k] }
            }
        }
    }

    /// One register tile of C: rows `tileA` (`height` of them valid) by panel `panel` of B, into
    /// `tileRowC` (C's first row of the tile, at column 0).
    @inline(__always)
    private static func multiplyTile<Rows: DepthStride>(_ layout: Rows.Type, _ tileA: MatrixRows.Tile, height: Int,
                                                        a: MatrixRows, by b: PackedMatrix, panel: Int,
                                                        activation: Activation, into tileRowC: UnsafeMutablePointer<Float>,
                                                        ldc: Int, scratch: UnsafeMutablePointer<Float>,
                                                        prefetch: NextPanelPrefetch) {
        let panelB = b.panel(panel)
        let column = panel * panelWidth
        let width = min(panelWidth, b.columns - column)
        let bias = b.bias.map { $0 + column }
        let tileC = tileRowC + column
        if height == tileRows && width == panelWidth {
            kernel(FullTile.self, Rows.self, rows: tileA, a: a, b: panelB, c: tileC, ldc: ldc, bias: bias,
                   activation: activation, prefetch: prefetch)
            return
        }
        // Edge tile: computed into a scratch tile of C, of which only the valid part is copied
        // out (writing past it could clobber rows another thread owns). Missing rows of A repeat
        // the last one; B is zero past its columns. Half a tile or fewer rows take the
        // half-height kernel: with 8-row tiles the last tile of a 14x14 map (196 rows) has 4
        // rows, of a 13x13 map (169) 1.
        if height <= HalfTile.rows {
            kernel(HalfTile.self, Rows.self, rows: tileA, a: a, b: panelB, c: scratch, ldc: panelWidth, bias: bias,
                   activation: activation, prefetch: prefetch)
        } else {
            kernel(FullTile.self, Rows.self, rows: tileA, a: a, b: panelB, c: scratch, ldc: panelWidth, bias: bias,
                   activation: activation, prefetch: prefetch)
        }
        for r in 0..<height { copyFloats(from: scratch + r * panelWidth, to: tileC + r * ldc, count: width) }
    }

    /// The register tile: C[rows, 2 vectors] = activation(A[rows, depth] * B-panel[depth, 2 vectors]
    /// + bias), for the `tileRows` rows (or, with `HalfTile`, the first half) starting at `rows`,
    /// over `a`'s segments. Each step of depth loads 2 vectors of B and broadcasts one value of A
    /// per row into 2 fused multiply-adds; written out in full so that the accumulators stay in
    /// registers. `Height.rows` and `Rows.stride` (rows in place or packed) are constants once
    /// specialised, so the branches on them fold away and the rows a variant does not use cost
    /// nothing. (With SIMD16 on AVX-512, measured against
    /// 6x64, 7x64, 12x32 and 14x32 tiles: 12 and 14 rows spill registers, 64 columns were no faster.)
    @inline(__always)
    private static func kernel<Height: TileHeight, Rows: DepthStride>(_ height: Height.Type, _ layout: Rows.Type,
                                                                     rows: MatrixRows.Tile, a: MatrixRows,
                                                   b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, ldc: Int,
                                                   bias: UnsafePointer<Float>?, activation: Activation,
                                                   prefetch: NextPanelPrefetch) {
        let rowCount = Height.rows
        var c00 = Vector(), c01 = Vector(), c10 = Vector(), c11 = Vector(), c20 = Vector(), c21 = Vector()
        var c30 = Vector(), c31 = Vector(), c40 = Vector(), c41 = Vector(), c50 = Vector(), c51 = Vector()
        var c60 = Vector(), c61 = Vector(), c70 = Vector(), c71 = Vector()
        var bp = b
        var ahead = prefetch.start
        var offset = 0
        for _ in 0..<a.segments {
            let a0 = rows.0 + offset, a1 = rows.1 + offset, a2 = rows.2 + offset, a3 = rows.3 + offset
            let a4 = rows.4 + offset, a5 = rows.5 + offset, a6 = rows.6 + offset, a7 = rows.7 + offset
            for k in 0..<a.segmentLength {
                let b0 = bp.loadVector(at: 0); let b1 = bp.loadVector(at: Vector.scalarCount)
                let x0 = Vector(repeating: a0[k * Rows.stride])
                c00 = multiplyAdd(c00, x0, b0); c01 = multiplyAdd(c01, x0, b1)
                let x1 = Vector(repeating: a1[k * Rows.stride])
                c10 = multiplyAdd(c10, x1, b0); c11 = multiplyAdd(c11, x1, b1)
                let x2 = Vector(repeating: a2[k * Rows.stride])
                c20 = multiplyAdd(c20, x2, b0); c21 = multiplyAdd(c21, x2, b1)
                if rowCount > 3 {
                    let x3 = Vector(repeating: a3[k * Rows.stride])
                    c30 = multiplyAdd(c30, x3, b0); c31 = multiplyAdd(c31, x3, b1)
                }
                if rowCount > 4 {
                    let x4 = Vector(repeating: a4[k * Rows.stride])
                    c40 = multiplyAdd(c40, x4, b0); c41 = multiplyAdd(c41, x4, b1)
                }
                if rowCount > 5 {
                    let x5 = Vector(repeating: a5[k * Rows.stride])
                    c50 = multiplyAdd(c50, x5, b0); c51 = multiplyAdd(c51, x5, b1)
                }
                if rowCount > 6 {
                    let x6 = Vector(repeating: a6[k * Rows.stride])
                    c60 = multiplyAdd(c60, x6, b0); c61 = multiplyAdd(c61, x6, b1)
                }
                if rowCount > 7 {
                    let x7 = Vector(repeating: a7[k * Rows.stride])
                    c70 = multiplyAdd(c70, x7, b0); c71 = multiplyAdd(c71, x7, b1)
                }
                // B's lines `bPrefetchDistance` bytes ahead, into L1 (unrolled: the count is constant).
                var line = 0
                while line < 2 * Vector.scalarCount * MemoryLayout<Float>.stride {
                    kernel_prefetch_l1(UnsafeRawPointer(bp) + bPrefetchDistance + line)
                    line += 64
                }
                bp += 2 * Vector.scalarCount
                kernel_prefetch_l2(ahead)
                ahead += prefetch.stride
            }
            offset += a.segmentStride
        }
        if let bias {
            let bias0 = bias.loadVector(at: 0); let bias1 = bias.loadVector(at: Vector.scalarCount)
            c00 += bias0; c01 += bias1
            c10 += bias0; c11 += bias1
            c20 += bias0; c21 += bias1
            c30 += bias0; c31 += bias1
            c40 += bias0; c41 += bias1
            c50 += bias0; c51 += bias1
            c60 += bias0; c61 += bias1
            c70 += bias0; c71 += bias1
        }
        let v = Vector.scalarCount
        c.storeVector(activation.apply(c00), at: 0 * ldc + 0); c.storeVector(activation.apply(c01), at: 0 * ldc + v)
        c.storeVector(activation.apply(c10), at: 1 * ldc + 0); c.storeVector(activation.apply(c11), at: 1 * ldc + v)
        c.storeVector(activation.apply(c20), at: 2 * ldc + 0); c.storeVector(activation.apply(c21), at: 2 * ldc + v)
        if rowCount > 3 {
            c.storeVector(activation.apply(c30), at: 3 * ldc + 0); c.storeVector(activation.apply(c31), at: 3 * ldc + v)
        }
        if rowCount > 4 {
            c.storeVector(activation.apply(c40), at: 4 * ldc + 0); c.storeVector(activation.apply(c41), at: 4 * ldc + v)
        }
        if rowCount > 5 {
            c.storeVector(activation.apply(c50), at: 5 * ldc + 0); c.storeVector(activation.apply(c51), at: 5 * ldc + v)
        }
        if rowCount > 6 {
            c.storeVector(activation.apply(c60), at: 6 * ldc + 0); c.storeVector(activation.apply(c61), at: 6 * ldc + v)
        }
        if rowCount > 7 {
            c.storeVector(activation.apply(c70), at: 7 * ldc + 0); c.storeVector(activation.apply(c71), at: 7 * ldc + v)
        }
    }
}

/// The part of the next panel of B that a register tile asks the caches for, a line per step of
/// depth, while it works on its own panel: tile `part` of a panel's sweep down the rows takes
/// the next panel's lines `part * depth ..< (part + 1) * depth` (on AVX-512 a panel is two lines a
/// step, so the first two tiles fetch it all). Tiles past that, and the last panel's, touch their
/// own panel's first line over and over, which costs one load from L1.
/// NOTE: B's panels are contiguous, but each is read by several tiles before the next is
/// touched, which the hardware prefetchers do not foresee: the first tile of every panel waited
/// on memory (the weights come from DRAM: fc6's 308 MB pass through the caches between two runs
/// of a layer). Measured on Intel Xeon family 6 model 207 (`engine-bench seed --threads 1`,
/// best of 8 alternating runs): conv2 3.92 -> 3.42 ms, conv3 1.81 -> 1.46, conv4 2.83 -> 2.27,
/// conv5 2.73 -> 2.23 (AVX-512); with the AVX2 variant forced, conv4 4.19 -> 3.60.
struct NextPanelPrefetch {
    let start: UnsafeRawPointer
    let stride: Int

    @inline(__always)
    init(_ b: PackedMatrix, panel: Int, panels: Range<Int>, part: Int) {
        let lineBytes = 64
        let bytesPerTile = b.rows * lineBytes
        let panelBytes = b.rows * b.panelWidth * MemoryLayout<Float>.stride
        if panel + 1 < panels.upperBound && part * bytesPerTile < panelBytes {
            start = UnsafeRawPointer(b.panel(panel + 1)) + part * bytesPerTile
            stride = lineBytes
        } else {
            start = UnsafeRawPointer(b.panel(panel))
            stride = 0
        }
    }
}

/// The height of a register tile, as a type so that the kernel is specialised for it.
protocol TileHeight { static var rows: Int { get } }
/// The kernel's full `tileRows` rows.
enum FullTile: TileHeight { static var rows: Int { GEMM.tileRows } }
/// The first half of the rows only: half the work for a last tile that short.
enum HalfTile: TileHeight { static var rows: Int { GEMM.tileRows / 2 } }

/// How far apart a row of A's consecutive values are, as a type so that the kernel is
/// specialised for it.
protocol DepthStride { static var stride: Int { get } }
/// Rows read where they lie.
enum InPlaceRows: DepthStride { static var stride: Int { 1 } }
/// A tile's rows packed depth-major (`GEMM.packRows`): `tileRows` apart.
enum PackedRows: DepthStride { static var stride: Int { GEMM.tileRows } }
