import Foundation
import Engine

/// The sum behind the cursor cell of a conv layer: bias, the number of products, the largest
/// ones, the rest summed, the total before the activation and the value after it, checked
/// against what the map shows.
struct ArithmeticView {
    let frame: Frame

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme, node = frame.node
        guard let conv = node.layer as? Conv2D else {
            buffer.write("the arithmetic of one neuron is shown for conv layers (\(node.layer.name) is \(node.layer.summary))",
                         in: area, row: 0, style: theme.dim)
            return
        }
        guard let output = frame.output(frame.layer) else {
            drawPending(frame, into: &buffer, in: area)
            return
        }
        guard let cell = frame.cursor else {
            buffer.write("press x for the cell cursor", in: area, row: 0, style: theme.dim)
            return
        }
        let source = node.source.map { frame.output($0) } ?? frame.run.input
        let channel = min(frame.state.channel, conv.outputChannels - 1)
        guard let source, let sum = try? conv.arithmetic(input: source, y: cell.y, x: cell.x, channel: channel) else {
            buffer.write("the input of \(node.layer.name) is not available", in: area, row: 0, style: theme.warning)
            return
        }
        let sourceName = node.source.map { frame.network.nodes[$0].layer.name } ?? "the input"
        let times = theme.mode.usesColor ? "×" : "*"
        let window = "\(conv.weights.shape[0])x\(conv.weights.shape[1])"
        buffer.write("\(node.layer.name) ch \(channel) at y \(cell.y), x \(cell.x): "
                     + "\(window) window \(times) \(conv.weights.shape[2]) channels of \(sourceName)",
                     in: area, row: 0, style: theme.title)
        var line = "  bias \(Self.number(Double(sum.bias)))  + \(sum.terms.count) products weight \(times) input"
        if sum.paddedTerms > 0 { line += " (\(sum.paddedTerms) more fall on padding: zero)" }
        buffer.write(line, in: area, row: 1)
        // Rows: title, bias, header, terms, rest, total, after activation.
        let shown = max(min(area.height - 6, sum.terms.count), 0)
        buffer.write("    input y, x  ch    weight     input   product", in: area, row: 2, style: theme.dim)
        let largest = sum.largest(shown)
        for (row, term) in largest.enumerated() {
            let position = Format.pad(term.position.map { "\($0.y), \($0.x)" } ?? "", to: 8)
            buffer.write("  + " + position + Format.pad(term.position.map { String($0.channel) } ?? "", to: 6, right: true)
                         + Format.pad(Self.number(Double(term.weight)), to: 10, right: true)
                         + Format.pad(Self.number(Double(term.input)), to: 10, right: true)
                         + Format.pad(Self.number(term.product), to: 10, right: true),
                         in: area, row: 3 + row, style: term.product >= 0 ? theme.text : theme.accent)
        }
        let rest = sum.terms.count - largest.count
        var row = 3 + largest.count
        if rest > 0 {
            let restSum = sum.preActivation - Double(sum.bias) - largest.reduce(0) { $0 + $1.product }
            buffer.write(Format.pad("  + the other \(rest) products", to: 38) + Format.pad(Self.number(restSum), to: 10, right: true),
                         in: area, row: row, style: theme.dim)
            row += 1
        }
        let activation = conv.activation.displayName
        buffer.write("  = \(Self.number(sum.preActivation))" + (activation.map { " before \($0)" } ?? ""), in: area,
                     row: row, style: theme.highlight)
        let shownValue = output[cell.y, cell.x, channel]
        let agrees = abs(Double(shownValue) - Double(sum.output)) <= 1e-4 * max(1, abs(Double(shownValue)))
        var after = activation.map { "  \($0) gives \(Self.number(Double(sum.output)))" } ?? "  output \(Self.number(Double(sum.output)))"
        after += theme.separator + "the map shows \(Self.number(Double(shownValue)))" + (agrees ? "" : " (differs!)")
        buffer.write(after, in: area, row: row + 1, style: agrees ? theme.good : theme.error)
    }

    /// Four significant digits, enough to see a sum add up.
    static func number(_ x: Double) -> String {
        if x == 0 { return "0" }
        return String(format: "%.4g", x)
    }
}
