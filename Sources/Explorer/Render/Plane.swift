import Engine

/// A 2-D strided view of floats: one channel of a `[H, W, C]` tensor, or a vector laid out in rows.
/// Keeps its tensor alive; reads only.
public struct Plane {
    public let width: Int
    public let height: Int
    let base: UnsafePointer<Float>
    let rowStride: Int
    let columnStride: Int
    private let owner: Tensor

    /// Channel `channel` of a `[H, W, C]` feature map.
    public init(channel: Int, of tensor: Tensor) {
        let (h, w, c) = (tensor.shape[0], tensor.shape[1], tensor.shape[2])
        width = w
        height = h
        base = UnsafePointer(tensor.data + channel)
        rowStride = w * c
        columnStride = c
        owner = tensor
    }

    @inline(__always)
    public subscript(x: Int, y: Int) -> Float { base[y * rowStride + x * columnStride] }
}

/// Fits a picture into a space keeping its aspect ratio, and maps target pixels back to source
/// pixels (nearest neighbour, which keeps single strong activations visible when enlarging).
public struct AspectFit: Equatable, Sendable {
    public let width: Int
    public let height: Int

    /// The largest `width` x `height` (at least 1x1) with the source's aspect ratio inside
    /// `maxWidth` x `maxHeight`, in square pixels.
    public init(sourceWidth: Int, sourceHeight: Int, maxWidth: Int, maxHeight: Int) {
        guard sourceWidth > 0, sourceHeight > 0, maxWidth > 0, maxHeight > 0 else {
            width = 0
            height = 0
            return
        }
        if sourceWidth * maxHeight <= sourceHeight * maxWidth {
            height = maxHeight
            width = max(sourceWidth * maxHeight / sourceHeight, 1)
        } else {
            width = maxWidth
            height = max(sourceHeight * maxWidth / sourceWidth, 1)
        }
    }

    /// Target indices showing source index `source` (at least one, even when shrinking skips it).
    static func targets(of source: Int, from sourceCount: Int, onto targetCount: Int) -> Range<Int> {
        let low = (source * targetCount + sourceCount - 1) / sourceCount
        let high = ((source + 1) * targetCount + sourceCount - 1) / sourceCount
        if high > low { return low..<high }
        let nearest = min(source * targetCount / sourceCount, targetCount - 1)
        return nearest..<nearest + 1
    }

    /// Source index of target index `target` along an axis of `source` pixels mapped onto `target`.
    @inline(__always)
    static func source(_ target: Int, of targetCount: Int, from sourceCount: Int) -> Int {
        target * sourceCount / targetCount
    }
}
