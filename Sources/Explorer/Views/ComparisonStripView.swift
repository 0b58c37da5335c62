import Foundation

/// Two rows above a compared layer's view: what B is with the layer's cosine similarity and
/// relative distance, then a chart of the similarity of every layer from the first to the last
/// (the current one marked), so the whole network's response to the change is one picture.
struct ComparisonStripView {
    static let height = 2
    let frame: Frame

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        guard let comparison = frame.comparison else { return }
        let theme = frame.theme
        var x = buffer.write(comparison.title + "  ", in: area, row: 0, style: theme.title)
        if let result = comparison.similarity(frame.layer) {
            x = buffer.write("\(frame.node.layer.name): similarity \(Self.format(result.cosineSimilarity))  "
                             + "distance \(Self.format(result.relativeDistance))", in: area, column: x - area.x, row: 0,
                             style: theme.highlight)
            buffer.write("  (cosine, \u{2016}A\u{2212}B\u{2016}/\u{2016}A\u{2016})".asciiIfNeeded(theme), in: area,
                         column: x - area.x, row: 0, style: theme.dim)
        } else {
            buffer.write("computing B\(theme.ellipsis)", in: area, column: x - area.x, row: 0, style: theme.warning)
        }
        let nodes = frame.network.nodes
        let label = "similarity "
        x = buffer.write(label, in: area, row: 1, style: theme.dim)
        let levels = Self.levels(theme)
        for index in nodes.indices where x < area.maxX {
            let value = comparison.similarity(index)?.cosineSimilarity
            let character = value.map { levels[Self.level($0, count: levels.count)] } ?? (theme.mode.usesColor ? "·" : " ")
            let style = index == frame.layer ? theme.selected : (value == nil ? theme.dim : theme.accent)
            buffer.write(String(character), x: x, y: area.y + 1, foreground: style.foreground,
                         background: style.background, attributes: style.attributes)
            x += 1
        }
        let first = nodes.first?.layer.name ?? "", last = nodes.last?.layer.name ?? ""
        let lowest = (0..<nodes.count).compactMap { comparison.similarity($0)?.cosineSimilarity }.filter { !$0.isNaN }.min()
        buffer.write(" \(first) to \(last), 0 to 1" + (lowest.map { ", lowest \(Self.format($0))" } ?? ""),
                     in: area, column: x - area.x, row: 1, style: theme.dim)
    }

    /// Bar heights dark to full: eighth blocks, or a ramp in ASCII.
    static func levels(_ theme: Theme) -> [Character] {
        theme.mode.usesColor ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["_", ".", ":", "-", "=", "+", "*", "#"]
    }

    /// The bar of similarity `value` among `count` levels, from 0 (and below) to 1.
    static func level(_ value: Double, count: Int) -> Int {
        guard value.isFinite else { return 0 }
        return min(max(Int((value * Double(count)).rounded(.down)), 0), count - 1)
    }

    /// Four decimals: similarities near 1 differ in the third.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : "inf" }
        return String(format: "%.4f", value)
    }
}

private extension String {
    /// `||A-B||/||A||` where the locale cannot show the symbols.
    func asciiIfNeeded(_ theme: Theme) -> String {
        theme.mode.usesColor ? self : replacingOccurrences(of: "\u{2016}", with: "||").replacingOccurrences(of: "\u{2212}", with: "-")
    }
}
