/// Draws a plane of values as a heat-map: in colour, Unicode upper half blocks `▀` carrying two
/// pixels per cell (foreground = top, background = bottom); in ASCII, one character of the ramp
/// ` .:-=+*#%@` per cell (the mean of its two pixels). A cell counts as two square pixels, so the
/// aspect ratio is kept in both. NaN and ±infinity are magenta in colour and `!` in ASCII.
public struct HeatMapRenderer: Sendable {
    public let theme: Theme
    public let colorMap: ColorMap
    /// Characters for ASCII mode, dark to bright (or negative to positive).
    public let asciiRamp: [Character]

    public init(theme: Theme, colorMap: ColorMap = .viridis, asciiRamp: [Character]? = nil) {
        self.theme = theme
        self.colorMap = colorMap
        self.asciiRamp = asciiRamp ?? theme.ramp
    }

    /// The renderer for values before an activation: diverging colours and characters.
    public static func diverging(theme: Theme) -> HeatMapRenderer {
        HeatMapRenderer(theme: theme, colorMap: .diverging, asciiRamp: ColorMap.divergingRamp)
    }

    /// Cells (columns, rows) a `sourceWidth` x `sourceHeight` picture takes inside `area`.
    public static func size(sourceWidth: Int, sourceHeight: Int, in area: Rect) -> (columns: Int, rows: Int) {
        let fit = AspectFit(sourceWidth: sourceWidth, sourceHeight: sourceHeight,
                            maxWidth: area.width, maxHeight: area.height * 2)
        return (fit.width, (fit.height + 1) / 2)
    }

    /// Draws `plane` scaled by `scale` at the top-left of `area`; returns the cells drawn.
    @discardableResult
    public func draw(_ plane: Plane, scale: ValueScale, into buffer: inout ScreenBuffer, in area: Rect) -> Rect {
        let fit = AspectFit(sourceWidth: plane.width, sourceHeight: plane.height,
                            maxWidth: area.width, maxHeight: area.height * 2)
        let rows = (fit.height + 1) / 2
        guard fit.width > 0 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        // Source column of each target column, worked out once per draw rather than per cell.
        let sourceColumns = (0..<fit.width).map { AspectFit.source($0, of: fit.width, from: plane.width) }
        let nonFiniteCell = theme.mode.usesColor
            ? Cell("▀", foreground: ColorMap.nonFinite, background: ColorMap.nonFinite)
            : Cell("!", attributes: [.bold])
        for row in 0..<rows {
            let topY = AspectFit.source(2 * row, of: fit.height, from: plane.height)
            let hasBottom = 2 * row + 1 < fit.height
            let bottomY = hasBottom ? AspectFit.source(2 * row + 1, of: fit.height, from: plane.height) : topY
            for column in 0..<fit.width {
                let x = sourceColumns[column]
                let top = plane[x, topY], bottom = plane[x, bottomY]
                let cell: Cell
                if theme.mode.usesColor {
                    guard let t = scale.level(top, levels: 256) else {
                        buffer[area.x + column, area.y + row] = nonFiniteCell
                        continue
                    }
                    let background: CellColor
                    if !hasBottom {
                        background = .terminalDefault
                    } else if let b = scale.level(bottom, levels: 256) {
                        background = colorMap.color(index: b)
                    } else {
                        background = ColorMap.nonFinite
                    }
                    cell = Cell("▀", foreground: colorMap.color(index: t), background: background)
                } else {
                    guard let level = scale.level((top + bottom) / 2, levels: asciiRamp.count) else {
                        buffer[area.x + column, area.y + row] = nonFiniteCell
                        continue
                    }
                    cell = Cell(asciiRamp[level])
                }
                buffer[area.x + column, area.y + row] = cell
            }
        }
        return Rect(x: area.x, y: area.y, width: fit.width, height: rows)
    }

    /// One row: `low` label, a gradient across the remaining width, `high` label.
    public func drawColorBar(scale: ValueScale, into buffer: inout ScreenBuffer, in area: Rect) {
        guard area.height > 0 else { return }
        let low = Format.value(Double(scale.low)) + " ", high = " " + Format.value(Double(scale.high))
        let barWidth = area.width - low.count - high.count
        guard barWidth >= 2 else { return }
        var x = buffer.write(low, in: area, row: 0, style: theme.dim)
        for i in 0..<barWidth {
            let fraction = Double(i) / Double(barWidth - 1)
            if theme.mode.usesColor {
                let color = colorMap.color(index: Int(fraction * 255))
                buffer[x, area.y] = Cell("▀", foreground: color, background: color)
            } else {
                buffer[x, area.y] = Cell(asciiRamp[min(Int(fraction * Double(asciiRamp.count)), asciiRamp.count - 1)])
            }
            x += 1
        }
        buffer.write(high, x: x, y: area.y, foreground: theme.dim.foreground, attributes: theme.dim.attributes)
    }
}
