/// The left matrix A of a product, read where it lies. Row m starts at
/// `base + (m / rowsPerLine) * lineStride + (m % rowsPerLine) * rowStride`; along the depth it
/// is `segments` runs of `segmentLength` floats, `segmentStride` apart.
///
/// A row-major matrix is one run per row. A convolution reads its (zero-padded) `[H, W, C]`
/// input: one row per output pixel, lines of output width; one run per kernel row, the kw * C
/// floats under the window being contiguous in HWC - the order of HWIO weights' rows.
@frozen public struct MatrixRows {
    public let base: UnsafePointer<Float>
    public let rowsPerLine, lineStride, rowStride: Int
    public let segments, segmentLength, segmentStride: Int

    /// Starts of the rows of a register tile, 8 at most (a shorter tile uses the first ones).
    public typealias Tile = (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>,
                             UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>)

    @inlinable
    public init(base: UnsafePointer<Float>, rowsPerLine: Int, lineStride: Int, rowStride: Int,
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
    @inlinable
    public init(_ base: UnsafePointer<Float>, lda: Int, depth: Int) {
        self.init(base: base, rowsPerLine: 1, lineStride: lda, rowStride: 0,
                  segments: 1, segmentLength: depth, segmentStride: depth)
    }

    @inlinable public var depth: Int { segments * segmentLength }

    /// Rows `first ..< first + 8`, rows from `count` on repeating the last one (an edge tile
    /// computes them and throws them away).
    @inlinable @inline(__always)
    public func tile(from first: Int, count: Int) -> Tile {
        var line = first / rowsPerLine, position = first % rowsPerLine
        var pointers = (base, base, base, base, base, base, base, base)
        withUnsafeMutableBytes(of: &pointers) { raw in
            let slots = raw.bindMemory(to: UnsafePointer<Float>.self)
            for index in 0..<8 {
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
