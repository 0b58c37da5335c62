/// How a sliding window (convolution or pooling) treats the borders.
public enum Padding: Equatable, Sendable, CustomStringConvertible {
    /// TensorFlow's `SAME`: output = ceil(input / stride); when the total padding is odd, the extra
    /// row or column goes at the bottom or right.
    case same
    /// No padding: output = floor((input - kernel) / stride) + 1.
    case valid
    case explicit(top: Int, left: Int, bottom: Int, right: Int)

    public var description: String {
        switch self {
        case .same: "SAME"
        case .valid: "VALID"
        case let .explicit(top, left, bottom, right):
            top == bottom && left == right && top == left ? "pad \(top)" : "pad \(top),\(left),\(bottom),\(right)"
        }
    }
}

/// The geometry of a 2-D sliding window: kernel, stride, padding.
public struct WindowGeometry: Equatable, Sendable {
    public let kernelHeight: Int
    public let kernelWidth: Int
    public let strideHeight: Int
    public let strideWidth: Int
    public let padding: Padding

    public init(kernelHeight: Int, kernelWidth: Int, strideHeight: Int, strideWidth: Int, padding: Padding) {
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.padding = padding
    }

    public init(kernel: Int, stride: Int, padding: Padding) {
        self.init(kernelHeight: kernel, kernelWidth: kernel, strideHeight: stride, strideWidth: stride,
                  padding: padding)
    }

    /// Resolved padding on each side for an input of `height` x `width`.
    public func padAmounts(height: Int, width: Int) -> (top: Int, left: Int, bottom: Int, right: Int) {
        switch padding {
        case .valid:
            return (0, 0, 0, 0)
        case let .explicit(top, left, bottom, right):
            return (top, left, bottom, right)
        case .same:
            let (top, bottom) = Self.samePadding(input: height, kernel: kernelHeight, stride: strideHeight)
            let (left, right) = Self.samePadding(input: width, kernel: kernelWidth, stride: strideWidth)
            return (top, left, bottom, right)
        }
    }

    /// Output height and width for an input of `height` x `width`; zero or negative when the
    /// window does not fit.
    public func outputSize(height: Int, width: Int) -> (height: Int, width: Int) {
        let pad = padAmounts(height: height, width: width)
        return ((height + pad.top + pad.bottom - kernelHeight) / strideHeight + 1,
                (width + pad.left + pad.right - kernelWidth) / strideWidth + 1)
    }

    /// `3x3/2 SAME`.
    public var description: String {
        let kernel = kernelHeight == kernelWidth ? "\(kernelHeight)x\(kernelHeight)" : "\(kernelHeight)x\(kernelWidth)"
        let stride = strideHeight == strideWidth ? "\(strideHeight)" : "\(strideHeight),\(strideWidth)"
        return "\(kernel)/\(stride) \(padding)"
    }

    private static func samePadding(input: Int, kernel: Int, stride: Int) -> (before: Int, after: Int) {
        let output = (input + stride - 1) / stride
        let total = max((output - 1) * stride + kernel - input, 0)
        return (total / 2, total - total / 2)
    }
}
