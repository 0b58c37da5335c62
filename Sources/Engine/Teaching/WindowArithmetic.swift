import Foundation

/// What a max-pooling output value is: the largest input in its window, and where that was.
public struct PoolWinner: Equatable, Sendable {
    /// The window's rows and columns inside the input (padding, which never wins, left out).
    public let rows: Range<Int>
    public let columns: Range<Int>
    /// The input cell that won (the first in row-major order on ties) and its value.
    public let winner: NeuronArithmetic.MapPosition
    public let value: Float
}

extension MaxPool2D {
    /// The window behind output cell (`y`, `x`) of channel `channel`, given the tensor this layer
    /// read (`[H, W, C]`), and which input won. Throws a `ShapeError` when the cell does not fit.
    public func winner(input: Tensor, y: Int, x: Int, channel: Int) throws -> PoolWinner {
        let output = try outputShape(for: input.shape)
        guard (0..<output[0]).contains(y), (0..<output[1]).contains(x), (0..<output[2]).contains(channel) else {
            throw ShapeError(layer: name, "cell (\(y), \(x)) channel \(channel) is outside the output \(output)")
        }
        let (height, width, channels) = (input.shape[0], input.shape[1], input.shape[2])
        let pad = geometry.padAmounts(height: height, width: width)
        let top = y * geometry.strideHeight - pad.top, left = x * geometry.strideWidth - pad.left
        let rows = max(top, 0)..<min(top + geometry.kernelHeight, height)
        let columns = max(left, 0)..<min(left + geometry.kernelWidth, width)
        // As the pooling kernel does: the first cell, replaced by any strictly larger one.
        var best = (y: rows.lowerBound, x: columns.lowerBound)
        var value = input.data[(best.y * width + best.x) * channels + channel]
        for row in rows {
            for column in columns {
                let candidate = input.data[(row * width + column) * channels + channel]
                if candidate > value { (best, value) = ((row, column), candidate) }
            }
        }
        return PoolWinner(rows: rows, columns: columns,
                          winner: NeuronArithmetic.MapPosition(y: best.y, x: best.x, channel: channel), value: value)
    }
}

/// Local response normalisation of one value, with its numbers:
/// `output = value / (bias + scale * sumOfSquares)^beta`.
public struct ResponseNormalizationArithmetic: Equatable, Sendable {
    public let value: Float
    /// The channels whose squares are summed (clipped to the map's channels).
    public let channels: ClosedRange<Int>
    public let sumOfSquares: Double
    public let bias: Float
    /// The multiplier of the sum: TensorFlow's alpha, or Caffe/PyTorch's alpha / size.
    public let scale: Float
    public let beta: Float
    /// `(bias + scale * sumOfSquares)^beta`, computed in double precision.
    public let divisor: Double
    public var output: Double { Double(value) / divisor }
}

extension LocalResponseNorm {
    /// The normalisation of channel `channel` at cell (`y`, `x`) of `input` (`[H, W, C]`). Throws
    /// a `ShapeError` when the cell does not fit.
    public func arithmetic(input: Tensor, y: Int, x: Int, channel: Int) throws -> ResponseNormalizationArithmetic {
        let shape = try outputShape(for: input.shape)
        guard (0..<shape[0]).contains(y), (0..<shape[1]).contains(x), (0..<shape[2]).contains(channel) else {
            throw ShapeError(layer: name, "cell (\(y), \(x)) channel \(channel) is outside the map \(shape)")
        }
        let (before, after, bias, scale, beta): (Int, Int, Float, Float, Float)
        switch convention {
        case let .tensorFlow(radius, tfBias, alpha, tfBeta):
            (before, after, bias, scale, beta) = (radius, radius, tfBias, alpha, tfBeta)
        case let .caffe(size, k, alpha, caffeBeta):
            (before, after, bias, scale, beta) = (size / 2, (size - 1) / 2, k, alpha / Float(size), caffeBeta)
        }
        let channels = max(channel - before, 0)...min(channel + after, shape[2] - 1)
        let base = (y * shape[1] + x) * shape[2]
        let sum = channels.reduce(0.0) { $0 + Double(input.data[base + $1]) * Double(input.data[base + $1]) }
        let divisor = Foundation.pow(Double(bias) + Double(scale) * sum, Double(beta))
        return ResponseNormalizationArithmetic(value: input.data[base + channel], channels: channels, sumOfSquares: sum,
                                               bias: bias, scale: scale, beta: beta, divisor: divisor)
    }
}
