import Foundation

/// Counts of values in equal-width bins over `[low, high]`; the top edge belongs to the last bin.
/// A constant range puts every finite value in bin 0. Non-finite values are counted apart.
public struct Histogram: Equatable, Sendable {
    public let counts: [Int]
    public let low: Double
    public let high: Double
    public let nonFinite: Int

    public init(_ values: UnsafeBufferPointer<Float>, bins: Int, low: Double, high: Double) {
        let binCount = max(bins, 1)
        var counts = Array(repeating: 0, count: binCount)
        var nonFinite = 0
        let scale = high > low ? Double(binCount) / (high - low) : 0
        for value in values {
            guard value.isFinite else { nonFinite += 1; continue }
            let position = (Double(value) - low) * scale
            counts[min(max(Int(position), 0), binCount - 1)] += 1
        }
        self.counts = counts
        self.low = low
        self.high = high
        self.nonFinite = nonFinite
    }
}

/// Draws a histogram as vertical bars in eighth-steps, heights on a log scale (`log(1 + count)`)
/// so the spike of zeros after a ReLU does not flatten every other bin; the bottom row holds the
/// range labels.
public struct HistogramRenderer: Sendable {
    public let theme: Theme

    public init(theme: Theme) { self.theme = theme }

    public func draw(_ histogram: Histogram, into buffer: inout ScreenBuffer, in area: Rect) {
        let barRows = area.height - 1
        guard barRows > 0, area.width > 0 else { return }
        let peak = log1p(Double(histogram.counts.max() ?? 0))
        let eighths = barRows * 8
        for (column, count) in histogram.counts.prefix(area.width).enumerated() {
            // Any non-empty bin gets at least one eighth, so rare values stay visible.
            let height = count == 0 || peak == 0 ? 0 : max(Int((log1p(Double(count)) / peak * Double(eighths)).rounded()), 1)
            for row in 0..<barRows {
                let filled = min(max(height - (barRows - 1 - row) * 8, 0), 8)
                guard filled > 0 else { continue }
                buffer[area.x + column, area.y + row] = Cell(theme.verticalEighths[filled],
                                                              foreground: theme.accent.foreground)
            }
        }
        let low = Format.value(histogram.low), high = Format.value(histogram.high)
        let labelRow = area.height - 1
        buffer.write(low, in: area, row: labelRow, style: theme.dim)
        let width = min(histogram.counts.count, area.width)
        buffer.write(high, in: area, column: max(width - high.count, low.count + 1), row: labelRow, style: theme.dim)
    }
}

/// Draws labelled horizontal bars in eighth-steps: `label  ████▌  annotation`, one row each.
public struct BarChartRenderer: Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        public var annotation: String
        public var style: Style

        public init(label: String, value: Double, annotation: String, style: Style) {
            self.label = label
            self.value = value
            self.annotation = annotation
            self.style = style
        }
    }

    public let theme: Theme

    public init(theme: Theme) { self.theme = theme }

    /// Bars scaled so `maximum` fills the bar column; rows beyond `area` are not drawn.
    public func draw(_ bars: [Bar], maximum: Double, into buffer: inout ScreenBuffer, in area: Rect) {
        let labelWidth = min(bars.map(\.label.count).max() ?? 0, max(area.width / 3, 4))
        let annotationWidth = bars.map(\.annotation.count).max() ?? 0
        let barWidth = max(area.width - labelWidth - annotationWidth - 2, 1)
        for (row, bar) in bars.prefix(area.height).enumerated() {
            buffer.write(Format.truncate(bar.label, to: labelWidth, ellipsis: theme.ellipsis), in: area, row: row,
                         style: bar.style)
            let fraction = maximum > 0 && bar.value.isFinite ? min(max(bar.value / maximum, 0), 1) : 0
            let eighths = Int((fraction * Double(barWidth * 8)).rounded())
            let barX = area.x + labelWidth + 1
            for i in 0..<barWidth {
                let filled = min(max(eighths - i * 8, 0), 8)
                guard filled > 0 else { break }
                buffer[barX + i, area.y + row] = Cell(theme.horizontalEighths[filled],
                                                       foreground: theme.accent.foreground)
            }
            buffer.write(bar.annotation, in: area, column: labelWidth + 1 + barWidth + 1, row: row, style: theme.text)
        }
    }
}
