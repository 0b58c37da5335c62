import Foundation
import Profiling

/// The roofline: every timed layer's operational intensity (FLOPs done per byte of weights,
/// input and output) against the GFLOP/s it attained, on log-log axes under the machine's two
/// ceilings, the read bandwidth's diagonal and the FMA peak's flat roof; the current layer
/// highlighted and named with the ceiling that binds it. A list of the layers beside the plot
/// when the view is wide enough.
struct RooflineView {
    let frame: Frame

    /// Columns of the layer list beside the plot, shown from `listMinimumWidth` on.
    static let listWidth = 24
    static let listMinimumWidth = 64
    /// Columns of the y axis' labels.
    static let axisWidth = 6

    /// The timed layers' points, in layer order.
    func points(_ ceilings: MachineCeilings) -> [(layer: Int, point: RooflinePoint)] {
        (0..<frame.published.computedCount).compactMap { index in
            frame.timing(index).flatMap { RooflinePoint(cost: frame.cost(index), seconds: $0.seconds, ceilings: ceilings) }
                .map { (index, $0) }
        }
    }

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme
        guard let ceilings = frame.ceilings else {
            buffer.write("roofline\(theme.separator)measuring the machine's ceilings\(theme.ellipsis)", in: area, row: 0,
                         style: theme.dim)
            return
        }
        buffer.write("roofline\(theme.separator)FMA peak " + String(format: "%.1f GFLOP/s", ceilings.peakFlopsPerSecond / 1e9)
                     + theme.separator + "read " + String(format: "%.1f GB/s", ceilings.readBytesPerSecond / 1e9)
                     + theme.separator + "measured \(ceilings.measuredAtText)", in: area, row: 0, style: theme.dim)
        let points = points(ceilings)
        buffer.write(currentLine(points), in: area, row: 1, style: theme.title)
        let body = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(area.height - 2, 0))
        let (plot, list) = body.width >= Self.listMinimumWidth ? body.splitLeft(body.width - Self.listWidth)
                                                              : (body, Rect(x: body.maxX, y: body.y, width: 0, height: 0))
        guard Self.plotFits(plot) else {
            buffer.write("no room for the plot: a larger terminal, or f for the view alone", in: area, row: 2, style: theme.dim)
            return
        }
        drawPlot(points, ceilings: ceilings, into: &buffer, in: plot)
        if list.width > 0 { drawList(points, into: &buffer, in: list) }
    }

    /// `conv2: compute-bound, 71% of FMA peak`, with Winograd's note; or why there is no point.
    func currentLine(_ points: [(layer: Int, point: RooflinePoint)]) -> String {
        let node = frame.node
        guard let point = points.first(where: { $0.layer == frame.layer })?.point else {
            return "\(node.layer.name): " + (frame.layer < frame.published.computedCount ? "no FLOPs or bytes to place"
                                                                                        : "not computed yet")
        }
        var line = "\(node.layer.name): \(point.description)"
        let cost = frame.cost(frame.layer)
        if let method = node.layer.method, cost.performedFlops > 0 {
            line += " (\(method): the FLOPs it does, " + String(format: "%.2fx", Double(cost.flops) / Double(cost.performedFlops))
                + " fewer)"
        }
        return line
    }

    /// Decades spanning `values`, at least one.
    static func decades(_ values: [Double]) -> ClosedRange<Int> {
        let logs = values.filter { $0 > 0 }.map(log10)
        let low = Int(floor(logs.min() ?? 0)), high = Int(ceil(logs.max() ?? 1))
        return low...max(high, low + 1)
    }

    /// Whether `area` holds a plot of 8 columns and 3 rows at least, besides its axes.
    static func plotFits(_ area: Rect) -> Bool {
        area.width - axisWidth - 1 >= 8 && area.height - 1 >= 3
    }

    private func drawPlot(_ points: [(layer: Int, point: RooflinePoint)], ceilings: MachineCeilings,
                          into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme, unicode = theme.mode.usesColor
        let width = area.width - Self.axisWidth - 1, height = area.height - 1
        let peak = ceilings.peakFlopsPerSecond / 1e9
        let xs = Self.decades(points.map(\.point.intensity) + [ceilings.ridgeIntensity])
        let ys = Self.decades(points.map { $0.point.attainedFlopsPerSecond / 1e9 } + [peak * 1.5])
        func column(_ intensity: Double) -> Int {
            Int(((log10(intensity) - Double(xs.lowerBound)) / Double(xs.count - 1) * Double(width - 1)).rounded())
        }
        func row(_ gflops: Double) -> Int {
            height - 1 - Int(((log10(gflops) - Double(ys.lowerBound)) / Double(ys.count - 1) * Double(height - 1)).rounded())
        }
        let left = area.x + Self.axisWidth + 1
        // Axes: decades on each, the y axis' line between its labels and the plot.
        for y in 0..<height { buffer[left - 1, area.y + y] = Cell(theme.verticalLine, foreground: theme.border.foreground) }
        for decade in ys {
            buffer.write(Format.pad(Self.decadeLabel(decade), to: Self.axisWidth - 1, right: true), in: area,
                         row: row(pow(10, Double(decade))), style: theme.dim)
        }
        var labelEnd = 0
        for decade in xs {
            let text = Self.decadeLabel(decade)
            let x = min(max(column(pow(10, Double(decade))) - text.count / 2, labelEnd), width - text.count)
            guard x >= labelEnd else { continue }
            buffer.write(text, in: area, column: Self.axisWidth + 1 + x, row: height, style: theme.dim)
            labelEnd = x + text.count + 1
        }
        // Units: GFLOP/s up the y axis (top left of the plot), FLOPs per byte along x (after its labels).
        buffer.write("GFLOP/s", in: area, column: Self.axisWidth + 1, row: 0, style: theme.dim)
        if labelEnd + 7 <= width { buffer.write("FLOP/B", in: area, column: Self.axisWidth + 1 + width - 6, row: height,
                                                style: theme.dim) }
        // The roofs: bandwidth × intensity up to the ridge, the FMA peak after it.
        for x in 0..<width {
            let intensity = pow(10, Double(xs.lowerBound) + Double(x) / Double(width - 1) * Double(xs.count - 1))
            let flat = intensity >= ceilings.ridgeIntensity
            let y = row(min(peak, intensity * ceilings.readBytesPerSecond / 1e9))
            guard (0..<height).contains(y) else { continue }
            buffer[left + x, area.y + y] = Cell(flat ? theme.horizontalLine : (unicode ? "╱" : "/"),
                                                foreground: theme.accent.foreground)
        }
        // Points, then names where the plot is free; the current layer's last, over the others.
        let placed = points.map { ($0.layer, column($0.point.intensity), row($0.point.attainedFlopsPerSecond / 1e9)) }
        for (layer, x, y) in placed where layer != frame.layer {
            buffer[left + x, area.y + y] = Cell(unicode ? "●" : "o", foreground: theme.text.foreground)
        }
        for (layer, x, y) in placed where layer != frame.layer {
            let name = frame.network.nodes[layer].layer.name
            let start = left + x + 1
            guard start + name.count < area.maxX,
                  (start..<start + name.count + 1).allSatisfy({ buffer[$0, area.y + y].character == " " }) else { continue }
            buffer.write(name, x: start, y: area.y + y, foreground: theme.dim.foreground, attributes: theme.dim.attributes)
        }
        if let (_, x, y) = placed.first(where: { $0.0 == frame.layer }) {
            buffer[left + x, area.y + y] = Cell(unicode ? "◆" : "@", foreground: theme.highlight.foreground,
                                                attributes: theme.highlight.attributes)
            buffer.write(frame.node.layer.name, x: min(left + x + 1, area.maxX - frame.node.layer.name.count), y: area.y + y,
                         foreground: theme.highlight.foreground, attributes: theme.highlight.attributes)
        }
    }

    /// `0.01`, `0.1`, `1`, `10`, `1000`, `1e5`.
    static func decadeLabel(_ decade: Int) -> String {
        switch decade {
        case ..<(-2), 5...: return "1e\(decade)"
        case ..<0: return String(format: "%.\(-decade)f", pow(10, Double(decade)))
        default: return String(Int(pow(10, Double(decade))))
        }
    }

    /// Every placed layer: name, C (compute) or M (memory), share of that roof.
    private func drawList(_ points: [(layer: Int, point: RooflinePoint)], into buffer: inout ScreenBuffer,
                          in area: Rect) {
        let theme = frame.theme
        buffer.write(" layer     roof  share", in: area, row: 0, style: theme.dim)
        let visible = area.height - 1
        let current = points.firstIndex { $0.layer == frame.layer } ?? 0
        let first = min(max(current - visible / 2, 0), max(points.count - visible, 0))
        for (row, entry) in points.dropFirst(first).prefix(visible).enumerated() {
            let name = Format.truncate(frame.network.nodes[entry.layer].layer.name, to: 9, ellipsis: theme.ellipsis)
            let roof = entry.point.bound == .compute ? "FMA" : "mem"
            let share = Format.pad(entry.point.percent, to: 6, right: true)
            buffer.write(" " + Format.pad(name, to: 9) + " " + roof + "  " + share, in: area, row: row + 1,
                         style: entry.layer == frame.layer ? theme.highlight : theme.text)
        }
    }
}
