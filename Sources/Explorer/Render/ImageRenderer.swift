import Engine

/// Draws a `[H, W, 3]` image tensor: half blocks in colour, a brightness ramp in ASCII. Each
/// channel is mapped to 0…255 by an affine `byte = value * scale + offset`, which undoes the
/// preprocessing.
public struct ImageRenderer: Sendable {
    public let theme: Theme

    public init(theme: Theme) { self.theme = theme }

    /// Per-channel `(scale, offset)` turning tensor values back into 0…255.
    public static func byteMapping(for normalization: InputNormalization, image: Tensor) -> [(Float, Float)] {
        switch normalization {
        case let .meanStd(mean, std):
            return (0..<3).map { (std[$0] * 255, mean[$0] * 255) }
        case .autoRange:
            let values = UnsafeBufferPointer(image.buffer)
            return (0..<3).map { channel in
                let stats = ActivationStats(UnsafeBufferPointer(rebasing: values[channel...]), stride: 3)
                let span = Float(stats.max - stats.min)
                let scale = span > 0 ? 255 / span : 0
                return (scale, -Float(stats.min) * scale)
            }
        }
    }

    @discardableResult
    public func draw(_ image: Tensor, mapping: [(Float, Float)], into buffer: inout ScreenBuffer, in area: Rect) -> Rect {
        let planes = (0..<3).map { Plane(channel: $0, of: image) }
        let (width, height) = (image.shape[1], image.shape[0])
        let fit = AspectFit(sourceWidth: width, sourceHeight: height, maxWidth: area.width, maxHeight: area.height * 2)
        guard fit.width > 0 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        let rows = (fit.height + 1) / 2
        let sourceColumns = (0..<fit.width).map { AspectFit.source($0, of: fit.width, from: width) }
        @inline(__always) func byte(_ channel: Int, _ x: Int, _ y: Int) -> UInt8 {
            let value = planes[channel][x, y] * mapping[channel].0 + mapping[channel].1
            return value.isFinite ? UInt8(min(max(value, 0), 255).rounded()) : 0
        }
        for row in 0..<rows {
            let topY = AspectFit.source(2 * row, of: fit.height, from: height)
            let hasBottom = 2 * row + 1 < fit.height
            let bottomY = hasBottom ? AspectFit.source(2 * row + 1, of: fit.height, from: height) : topY
            for column in 0..<fit.width {
                let x = sourceColumns[column]
                let top = (byte(0, x, topY), byte(1, x, topY), byte(2, x, topY))
                let bottom = (byte(0, x, bottomY), byte(1, x, bottomY), byte(2, x, bottomY))
                let cell: Cell
                if theme.mode.usesColor {
                    cell = Cell("▀", foreground: .rgb(top.0, top.1, top.2),
                                background: hasBottom ? .rgb(bottom.0, bottom.1, bottom.2) : .terminalDefault)
                } else {
                    // Rec. 601 luma of the two pixels, averaged.
                    let luma = (0.299 * (Float(top.0) + Float(bottom.0)) + 0.587 * (Float(top.1) + Float(bottom.1))
                        + 0.114 * (Float(top.2) + Float(bottom.2))) / 2
                    cell = Cell(theme.ramp[min(Int(luma / 256 * Float(theme.ramp.count)), theme.ramp.count - 1)])
                }
                buffer[area.x + column, area.y + row] = cell
            }
        }
        return Rect(x: area.x, y: area.y, width: fit.width, height: rows)
    }
}
