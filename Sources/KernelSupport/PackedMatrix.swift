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
    @inlinable @inline(__always) public func panel(_ index: Int) -> UnsafePointer<Float> {
        UnsafePointer(storage + index * rows * panelWidth)
    }
}
