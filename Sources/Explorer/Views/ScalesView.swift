import Engine
import Foundation

/// Each computed layer's activation standard deviation as a bar on a log scale: what the
/// initialisation does to the signal as it goes deeper (exploding, vanishing, or steady).
struct ScalesView {
    let frame: Frame
    let scheme: InitScheme
    let rebuilding: Bool
    let canSwitch: Bool
    /// Stds under schemes shown before, listed beside the bars for comparison.
    var earlier: [(scheme: InitScheme, stds: [Double?])] = []
    /// Why the weights could not be redrawn, when they could not.
    var failure: String?

    static let valueWidth = 9

    /// The decades a log axis spans to hold `values` (positive, finite ones), at least one.
    static func decades(of values: [Double]) -> (low: Int, high: Int)? {
        let logs = values.filter { $0 > 0 && $0.isFinite }.map(log10)
        guard let smallest = logs.min(), let largest = logs.max() else { return nil }
        let low = Int(smallest.rounded(.down)), high = Int(largest.rounded(.up))
        return (low, max(high, low + 1))
    }

    /// Decade labels over bars `width` cells wide: `1e-2` starting at its decade's column, the
    /// last one ending at the right edge; the two ends first, then those between that leave a
    /// space on either side (on a narrow chart, labels would otherwise run together: `11e2`).
    static func ticks(_ axis: (low: Int, high: Int), width: Int) -> [(label: String, start: Int)] {
        let span = Double(axis.high - axis.low)
        let all = (axis.low...axis.high).map { decade -> (label: String, start: Int) in
            let column = Int((Double(decade - axis.low) / span * Double(width - 1)).rounded())
            let label = decade == 0 ? "1" : "1e\(decade)"
            return (label, max(min(column, width - label.count), 0))
        }
        var placed: [(label: String, start: Int)] = []
        for tick in [all[0], all[all.count - 1]] + all.dropFirst().dropLast() {
            let clear = placed.allSatisfy { tick.start > $0.start + $0.label.count || $0.start > tick.start + tick.label.count }
            if clear, tick.start + tick.label.count <= width { placed.append(tick) }
        }
        return placed.sorted { $0.start < $1.start }
    }

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme, nodes = frame.network.nodes
        // A failure to redraw the weights takes the whole title row: there is nothing else to read.
        if let failure {
            buffer.write(failure, in: area, row: 0, style: theme.error)
            return
        }
        let x = buffer.write(Format.fit(parts: [["activation std per layer, log scale", "std per layer, log scale", "std per layer"],
                                                [canSwitch ? "init: \(scheme.displayName)" : "weights from a file"]],
                                        separator: theme.separator, to: area.width, ellipsis: theme.ellipsis),
                             in: area, row: 0, style: theme.title)
        // What G does, where it fits whole.
        let titleRoom = area.maxX - x
        if rebuilding, (theme.separator + "initialising" + theme.ellipsis).count <= titleRoom {
            buffer.write(theme.separator + "initialising\(theme.ellipsis)", in: area, column: x - area.x, row: 0,
                         style: theme.warning)
        } else if canSwitch, (theme.separator + "G: next scheme").count <= titleRoom {
            buffer.write(theme.separator + "G: next scheme", in: area, column: x - area.x, row: 0, style: theme.dim)
        }
        let stds = nodes.indices.map { frame.statistics($0)?.overall.std }
        // Earlier schemes as columns on the right, as many as leave the bars 24 cells.
        let nameWidth = min(nodes.map(\.layer.name.count).max() ?? 4, 10)
        let valueWidth = Self.valueWidth
        let room = max((area.width - nameWidth - 1 - 24 - valueWidth - 2) / (valueWidth + 1), 0)
        let columns = Array(earlier.suffix(room))
        // One axis for all, so bars could be compared with the numbers beside them.
        guard let axis = Self.decades(of: (stds + columns.flatMap(\.stds)).compactMap { $0 }) else {
            buffer.write("no layer computed yet", in: area, row: 2, style: theme.dim)
            return
        }
        let columnsWidth = columns.count * (valueWidth + 1)
        let barArea = Rect(x: area.x + nameWidth + 1, y: area.y + 2,
                           width: max(area.width - nameWidth - valueWidth - 3 - columnsWidth, 4), height: area.height - 2)
        let columnsX = barArea.maxX + 1 + valueWidth + 1
        for (index, column) in columns.enumerated() {
            let title = Format.pad(Format.truncate(column.scheme.rawValue, to: valueWidth, ellipsis: theme.ellipsis),
                                   to: valueWidth, right: true)
            buffer.write(title, x: columnsX + index * (valueWidth + 1), y: area.y + 1, foreground: theme.dim.foreground,
                         attributes: theme.dim.attributes)
        }
        if !columns.isEmpty {
            buffer.write(Format.pad("now", to: valueWidth, right: true), x: barArea.maxX + 1, y: area.y + 1,
                         foreground: theme.dim.foreground, attributes: theme.dim.attributes)
        }
        let span = Double(axis.high - axis.low)
        for tick in Self.ticks(axis, width: barArea.width) {
            buffer.write(tick.label, x: barArea.x + tick.start, y: area.y + 1, foreground: theme.dim.foreground,
                         attributes: theme.dim.attributes)
        }
        // Keep the current layer in view when the list is longer than the area.
        let visible = barArea.height
        let first = min(max(frame.layer - visible / 2, 0), max(nodes.count - visible, 0))
        for (row, index) in (first..<min(first + visible, nodes.count)).enumerated() {
            let y = barArea.y + row
            let style = index == frame.layer ? theme.highlight : theme.text
            buffer.write(Format.pad(Format.truncate(nodes[index].layer.name, to: nameWidth, ellipsis: theme.ellipsis),
                                    to: nameWidth), x: area.x, y: y, foreground: style.foreground, attributes: style.attributes)
            for (column, earlier) in columns.enumerated() {
                let value = earlier.stds.indices.contains(index) ? earlier.stds[index].map(Format.value) ?? "-" : "-"
                buffer.write(Format.pad(value, to: valueWidth, right: true), x: columnsX + column * (valueWidth + 1), y: y,
                             foreground: theme.dim.foreground, attributes: theme.dim.attributes)
            }
            guard let std = stds[index] else {
                buffer.write("-", x: barArea.x, y: y, foreground: theme.dim.foreground, attributes: theme.dim.attributes)
                continue
            }
            if std > 0, std.isFinite {
                let fraction = min(max((log10(std) - Double(axis.low)) / span, 0), 1)
                let eighths = max(Int((fraction * Double(barArea.width * 8)).rounded()), 8)
                for i in 0..<barArea.width {
                    let filled = min(max(eighths - i * 8, 0), 8)
                    guard filled > 0 else { break }
                    buffer[barArea.x + i, y] = Cell(theme.horizontalEighths[filled], foreground: theme.accent.foreground)
                }
            }
            buffer.write(Format.pad(Format.value(std), to: valueWidth, right: true), x: barArea.maxX + 1, y: y,
                         foreground: std.isFinite ? theme.text.foreground : theme.error.foreground)
        }
    }
}
