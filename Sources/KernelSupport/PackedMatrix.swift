/// A matrix B[rows, columns] packed once into panels of `panelWidth` columns (the width of the
/// kernel variant's register tile, `KernelTable.panelWidth`): panel p holds
/// B[0..<rows, p*width ..< (p+1)*width] row after row, zero past `columns`, so the register tile
/// reads it as one contiguous stream. Also holds the bias, padded the same way.
public final class PackedMatrix: @unchecked Sendable {
    // @unchecked: the storage is written once, in `init`, and only read afterwards.
    public let rows: Int
    public let columns: Int
    public let panelWidth: Int
    public let panelCount: Int
    /// `[panelCount, rows, panelWidth]`
    @usableFromInline let storage: UnsafeMutablePointer<Float>
    /// `[panelCount * panelWidth]`, or nil for no bias.
    public let bias: UnsafePointer<Float>?

    /// Packs B from row-major memory with row stride `ldb`; `bias` has `columns` floats.
    public init(_ b: UnsafePointer<Float>, rows: Int, columns: Int, ldb: Int, bias: UnsafePointer<Float>?,
                panelWidth width: Int) {
        self.rows = rows
        self.columns = columns
        panelWidth = width
        panelCount = (columns + width - 1) / width
        let padded = panelCount * width
        storage = Self.allocateLines(floats: max(panelCount * rows * width, 1))
        storage.initialize(repeating: 0, count: panelCount * rows * width)
        for panel in 0..<panelCount {
            let column = panel * width
            let count = min(width, columns - column)
            for row in 0..<rows {
                (storage + (panel * rows + row) * width).update(from: b + row * ldb + column, count: count)
            }
        }
        if let bias {
            let padded = Self.allocateLines(floats: padded)
            padded.initialize(repeating: 0, count: panelCount * width)
            padded.update(from: bias, count: columns)
            self.bias = UnsafePointer(padded)
        } else {
            self.bias = nil
        }
    }

    /// `floats` floats from the start of a cache line, so that no vector load of a panel's row
    /// straddles two lines. (`allocate(capacity:)` gives malloc's 16-byte alignment, with which
    /// every zmm load of B was a split load: measured on Intel Xeon family 6 model 207, one
    /// thread, `engine-bench seed`, alternating runs: conv1 6% and conv3-5 3-4% slower on AVX-512,
    /// conv1-5 8-14% on AVX2.)
    private static func allocateLines(floats: Int) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer.allocate(byteCount: floats * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: floats)
    }

    deinit {
        storage.deallocate()
        bias?.deallocate()
    }

    /// Panel `index`: `[rows, panelWidth]`.
    @inlinable @inline(__always) public func panel(_ index: Int) -> UnsafePointer<Float> {
        UnsafePointer(storage + index * rows * panelWidth)
    }
}
