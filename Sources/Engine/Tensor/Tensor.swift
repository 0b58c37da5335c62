#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dense float32 tensor in row-major order.
///
/// A reference type so that activations and weights are allocated once and shared without copies;
/// the memory is either owned (64-byte aligned, zero-filled) or borrowed from an owner that keeps
/// it alive, such as a memory-mapped weights file.
// Unchecked: a handle to memory. Its values are written by its maker before it is shared, or by
// the layer that computes it while one thread steps the run; readers wait for that step.
public final class Tensor: @unchecked Sendable {
    public let shape: Shape
    /// First element; `shape.count` elements follow.
    public let data: UnsafeMutablePointer<Float>
    private let owner: AnyObject?

    /// A zero-filled tensor that owns its memory.
    public init(zeros shape: Shape) {
        self.shape = shape
        let bytes = max(shape.count, 1) * MemoryLayout<Float>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        self.data = raw.bindMemory(to: Float.self, capacity: max(shape.count, 1))
        self.owner = nil
    }

    /// A tensor holding a copy of `values`, which must have `shape.count` elements.
    public convenience init(shape: Shape, values: [Float]) {
        precondition(values.count == shape.count, "\(values.count) values for shape \(shape)")
        self.init(zeros: shape)
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: $0.count) }
    }

    /// A view of memory owned by `owner`, which is retained for as long as this tensor lives.
    public init(shape: Shape, borrowing data: UnsafeMutablePointer<Float>, owner: AnyObject) {
        self.shape = shape
        self.data = data
        self.owner = owner
    }

    deinit {
        if owner == nil { UnsafeMutableRawPointer(data).deallocate() }
    }

    public var count: Int { shape.count }

    public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: data, count: count)
    }

    public func toArray() -> [Float] { Array(buffer) }

    /// Element at a multi-dimensional index; for tests and displays, not for hot loops.
    public subscript(indices: Int...) -> Float {
        get { data[offset(indices)] }
        set { data[offset(indices)] = newValue }
    }

    private func offset(_ indices: [Int]) -> Int {
        precondition(indices.count == shape.rank, "index \(indices) for shape \(shape)")
        var offset = 0
        for (index, extent) in zip(indices, shape.dims) {
            precondition(index >= 0 && index < extent, "index \(indices) out of \(shape)")
            offset = offset * extent + index
        }
        return offset
    }
}
