/// The region of input pixels one cell of a feature map can see, along one axis pair.
///
/// Cell `(row, column)` of the layer sees input rows `top + row * jump ..< top + row * jump + size`
/// (and the same for columns). `top`/`left` are negative when the window of cell 0 reaches into
/// padding: those pixels do not exist and were zeros (or, for max pooling, never won).
public struct ReceptiveField: Equatable, Sendable, CustomStringConvertible {
    /// Rows and columns of input pixels one cell sees.
    public let height: Int
    public let width: Int
    /// Input pixels between neighbouring cells (the product of the strides so far).
    public let jumpY: Int
    public let jumpX: Int
    /// Input row and column of the top-left pixel of cell (0, 0)'s field.
    public let top: Int
    public let left: Int

    public init(height: Int, width: Int, jumpY: Int, jumpX: Int, top: Int, left: Int) {
        self.height = height
        self.width = width
        self.jumpY = jumpY
        self.jumpX = jumpX
        self.top = top
        self.left = left
    }

    /// The input itself: every pixel sees only itself.
    public static let pixel = ReceptiveField(height: 1, width: 1, jumpY: 1, jumpX: 1, top: 0, left: 0)

    /// The field after a sliding window with `geometry` over a map of `inputHeight` x `inputWidth`
    /// whose cells have this field: the window spans `kernel` cells `jump` pixels apart, and the
    /// padding before the first cell moves the corner back by `pad * jump` pixels.
    public func through(_ geometry: WindowGeometry, inputHeight: Int, inputWidth: Int) -> ReceptiveField {
        let pad = geometry.padAmounts(height: inputHeight, width: inputWidth)
        return ReceptiveField(height: height + (geometry.kernelHeight - 1) * jumpY,
                              width: width + (geometry.kernelWidth - 1) * jumpX,
                              jumpY: jumpY * geometry.strideHeight, jumpX: jumpX * geometry.strideWidth,
                              top: top - pad.top * jumpY, left: left - pad.left * jumpX)
    }

    /// Input rows and columns seen by cell (`row`, `column`), before clipping to the image.
    public func region(row: Int, column: Int) -> (top: Int, left: Int, height: Int, width: Int) {
        (top + row * jumpY, left + column * jumpX, height, width)
    }

    /// `51x51/8` (size / jump), `51x49/8,4` when the axes differ.
    public var description: String {
        let size = height == width ? "\(height)" : "\(height)x\(width)"
        let jump = jumpY == jumpX ? "\(jumpY)" : "\(jumpY),\(jumpX)"
        return "\(size)/\(jump)"
    }
}

extension Network {
    /// Each layer's receptive field in input pixels, following each node's `source`; nil for
    /// layers whose cells do not see a fixed window (vectors after flatten, adaptive pooling that
    /// changes the size, and everything after them).
    public var receptiveFields: [ReceptiveField?] {
        var fields: [ReceptiveField?] = []
        for node in nodes {
            let before = node.source.map { fields[$0] } ?? (inputShape.isFeatureMap ? .pixel : nil)
            fields.append(before.flatMap { Self.field(of: node, after: $0) })
        }
        return fields
    }

    private static func field(of node: Node, after field: ReceptiveField) -> ReceptiveField? {
        let (input, output) = (node.inputShape, node.outputShape)
        guard input.isFeatureMap, output.isFeatureMap else { return nil }
        switch node.layer {
        case let conv as Conv2D:
            return field.through(conv.geometry, inputHeight: input[0], inputWidth: input[1])
        case let pool as MaxPool2D:
            return field.through(pool.geometry, inputHeight: input[0], inputWidth: input[1])
        default:
            // Element-wise and per-pixel layers (LRN, dropout, an adaptive pool that keeps the
            // size) see what their input saw; anything that resizes otherwise has no single window.
            return input[0] == output[0] && input[1] == output[1] ? field : nil
        }
    }
}
