import Foundation
import Engine

/// What one output value of the current layer is made of, from the layer's own weights and its
/// actual input, checked against what the engine computed:
/// - conv (the cursor cell) and dense (the selected neuron): bias, the number of products, the
///   largest ones, the rest summed, the total before the activation and the value after it;
/// - max-pool: the window and which input won; LRN: the formula with its numbers;
/// - other layers: one line saying what they compute.
struct ArithmeticView {
    let frame: Frame
    /// A dense neuron's arithmetic (`Dense.arithmetic`), possibly from a cache: fc6's reads a
    /// column across a 300 MB matrix.
    let denseArithmetic: (Dense, Tensor, Int, FlattenedMap?) throws -> NeuronArithmetic

    /// A term's input: where it is (a table cell) and the heading of that column.
    private struct Placement {
        let heading: String
        let cell: (NeuronArithmetic.Term) -> String
    }

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme, node = frame.node
        let needsCell = node.layer is Conv2D || node.layer is MaxPool2D || node.layer is LocalResponseNorm
        guard needsCell || node.layer is Dense else {
            drawExplanation(into: &buffer, in: area)
            return
        }
        guard let output = frame.output(frame.layer) else {
            drawPending(frame, into: &buffer, in: area)
            return
        }
        let cell = frame.cursor
        if needsCell, cell == nil {
            buffer.write("press x for the cell cursor", in: area, row: 0, style: theme.dim)
            return
        }
        guard let source = node.source.map({ frame.output($0) }) ?? frame.run.input else {
            buffer.write("the input of \(node.layer.name) is not available", in: area, row: 0, style: theme.warning)
            return
        }
        let channel = min(frame.state.channel, max(node.outputShape.isFeatureMap ? node.outputShape[2] - 1 : 0, 0))
        do {
            switch node.layer {
            case let conv as Conv2D:
                if let cell { try drawConv(conv, source: source, output: output, cell: cell, channel: channel, into: &buffer, in: area) }
            case let dense as Dense:
                try drawDense(dense, source: source, output: output, into: &buffer, in: area)
            case let pool as MaxPool2D:
                if let cell { try drawPool(pool, source: source, output: output, cell: cell, channel: channel, into: &buffer, in: area) }
            case let norm as LocalResponseNorm:
                if let cell {
                    try drawNormalization(norm, source: source, output: output, cell: cell, channel: channel, into: &buffer, in: area)
                }
            default:
                break
            }
        } catch {
            buffer.write("\(error)", in: area, row: 0, style: theme.warning)
        }
    }

    /// The name of the layer the current one reads, or "the input".
    private var sourceName: String {
        frame.node.source.map { frame.network.nodes[$0].layer.name } ?? "the input"
    }

    private var times: String { frame.theme.mode.usesColor ? "×" : "*" }

    // MARK: - Sums of products

    private func drawConv(_ conv: Conv2D, source: Tensor, output: Tensor, cell: CellPosition, channel: Int,
                          into buffer: inout ScreenBuffer, in area: Rect) throws {
        let sum = try conv.arithmetic(input: source, y: cell.y, x: cell.x, channel: channel)
        let window = "\(conv.weights.shape[0])x\(conv.weights.shape[1])"
        let heading = "\(conv.name) ch \(channel) at y \(cell.y), x \(cell.x): "
            + "\(window) window \(times) \(conv.weights.shape[2]) channels"
        buffer.write(Format.fit([heading + " of \(sourceName)", heading], to: area.width, ellipsis: frame.theme.ellipsis),
                     in: area, row: 0, style: frame.theme.title)
        let line = "  bias \(Self.number(Double(sum.bias)))  + \(sum.terms.count) products weight \(times) input"
        let padding = sum.paddedTerms > 0 ? [" (\(sum.paddedTerms) more fall on padding: zero)", " (\(sum.paddedTerms) on padding)", ""] : [""]
        buffer.write(Format.fit(padding.map { line + $0 }, to: area.width, ellipsis: frame.theme.ellipsis), in: area, row: 1)
        let placement = Placement(heading: "input y, x  ch") { term in
            Format.pad(term.position.map { "\($0.y), \($0.x)" } ?? "", to: 8)
                + Format.pad(term.position.map { String($0.channel) } ?? "", to: 6, right: true)
        }
        // Rows: title, bias, header, terms, rest, total, after activation.
        let shown = sum.largest(max(area.height - 6, 0))
        drawTerms(sum, shown: shown, placement: placement, activation: conv.activation,
                  engineValue: output[cell.y, cell.x, channel], engineLabel: "the map shows", into: &buffer, in: area)
    }

    private func drawDense(_ dense: Dense, source: Tensor, output: Tensor, into buffer: inout ScreenBuffer, in area: Rect) throws {
        let neuron = min(frame.neuron ?? 0, dense.outputs - 1)
        let flattened = frame.network.flattenedMap(readBy: frame.layer)
        let sum = try denseArithmetic(dense, source, neuron, flattened?.map)
        buffer.write("\(dense.name) neuron \(neuron) of \(dense.outputs): bias \(Self.number(Double(sum.bias)))"
                     + " + \(sum.terms.count) products", in: area, row: 0, style: frame.theme.title)
        // Where the inputs come from: the map they were flattened from, when they were.
        var origin = "  x[i] \(times) W[i, \(neuron)], x = \(sourceName)'s \(dense.inputs) values"
        var placement = Placement(heading: Format.pad("i", to: 5, right: true)) { Format.pad(String($0.index), to: 5, right: true) }
        if let (flatten, map) = flattened, let mapLayer = frame.network.nodes[flatten].source {
            let shape = map.shape.dims.map(String.init).joined(separator: "x")
            origin = "  x[i] \(times) W[i, \(neuron)], x = \(frame.network.nodes[mapLayer].layer.name) \(shape) "
                + "flattened \(map.order == .hwc ? "HWC" : "CHW")"
                + (frame.node.source == flatten ? "" : " (via \(sourceName))")
            placement = Placement(heading: Format.pad("i", to: 5, right: true) + " " + Format.pad("y,x,ch", to: 8)) { term in
                Format.pad(String(term.index), to: 5, right: true) + " "
                    + Format.pad(term.position.map { "\($0.y),\($0.x),\($0.channel)" } ?? "", to: 8)
            }
        }
        buffer.write(origin, in: area, row: 1)
        // The largest positive products, then the most negative, as many of each as fit (rows:
        // title, origin, header, terms, rest, total, after).
        let room = max(area.height - 6, 0)
        let negatives = sum.largestNegative(room / 2)
        let shown = sum.largestPositive(room - negatives.count) + negatives
        drawTerms(sum, shown: shown, placement: placement, activation: dense.activation, engineValue: output[neuron],
                  engineLabel: "the engine gives", into: &buffer, in: area)
    }

    /// The header, the `shown` terms (one a row, from row 2), the rest summed, the total before
    /// the activation and the value after it next to the engine's own.
    private func drawTerms(_ sum: NeuronArithmetic, shown: [NeuronArithmetic.Term], placement: Placement,
                           activation: Activation, engineValue: Float, engineLabel: String,
                           into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme
        buffer.write("    " + placement.heading + "    weight     input   product", in: area, row: 2, style: theme.dim)
        for (row, term) in shown.enumerated() {
            buffer.write("  + " + placement.cell(term)
                         + Self.column(Double(term.weight)) + Self.column(Double(term.input)) + Self.column(term.product),
                         in: area, row: 3 + row, style: term.product >= 0 ? theme.text : theme.accent)
        }
        let rest = sum.terms.count - shown.count
        var row = 3 + shown.count
        if rest > 0 {
            let restSum = sum.preActivation - Double(sum.bias) - shown.reduce(0) { $0 + $1.product }
            buffer.write(Format.pad("  + the other \(rest) products", to: placement.heading.count + 24)
                         + Self.column(restSum), in: area, row: row, style: theme.dim)
            row += 1
        }
        let name = activation.displayName
        buffer.write("  = \(Self.number(sum.preActivation))" + (name.map { " before \($0)" } ?? ""), in: area,
                     row: row, style: theme.highlight)
        var after = name.map { "  \($0) gives \(Self.number(Double(sum.output)))" } ?? "  output \(Self.number(Double(sum.output)))"
        after += theme.separator + "\(engineLabel) \(Self.number(Double(engineValue)))"
        drawCheck(after, computed: Double(sum.output), engine: engineValue, row: row + 1, into: &buffer, in: area)
    }

    /// `line`, in green when `computed` equals what the engine computed (relative 1e-4), else
    /// in red with "(differs!)".
    private func drawCheck(_ line: String, computed: Double, engine: Float, row: Int,
                           into buffer: inout ScreenBuffer, in area: Rect) {
        let agrees = abs(Double(engine) - computed) <= 1e-4 * max(1, abs(Double(engine)))
        buffer.write(line + (agrees ? "" : " (differs!)"), in: area, row: row, style: agrees ? frame.theme.good : frame.theme.error)
    }

    // MARK: - Layers without weights

    private func drawPool(_ pool: MaxPool2D, source: Tensor, output: Tensor, cell: CellPosition, channel: Int,
                          into buffer: inout ScreenBuffer, in area: Rect) throws {
        let theme = frame.theme
        let pooled = try pool.winner(input: source, y: cell.y, x: cell.x, channel: channel)
        buffer.write("\(pool.name) ch \(channel) at y \(cell.y), x \(cell.x): max of \(pool.geometry.description) window",
                     in: area, row: 0, style: theme.title)
        buffer.write("  of \(sourceName) y \(Self.span(pooled.rows)), x \(Self.span(pooled.columns)), ch \(channel)"
                     + " (padding never wins):", in: area, row: 1)
        // The window's values, the winner in brackets.
        for (row, y) in pooled.rows.prefix(max(area.height - 4, 0)).enumerated() {
            let values = pooled.columns.map { x -> String in
                let text = Self.compactNumber(Double(source[y, x, channel]))
                let won = y == pooled.winner.y && x == pooled.winner.x
                return Format.pad(won ? "[\(text)]" : text + " ", to: 11, right: true)
            }
            buffer.write("  " + values.joined(), in: area, row: 2 + row)
        }
        let row = 2 + min(pooled.rows.count, max(area.height - 4, 0))
        drawCheck("  = \(Self.number(Double(pooled.value))) from y \(pooled.winner.y), x \(pooled.winner.x)"
                  + theme.separator + "the map shows \(Self.number(Double(output[cell.y, cell.x, channel])))",
                  computed: Double(pooled.value), engine: output[cell.y, cell.x, channel], row: row, into: &buffer, in: area)
    }

    private func drawNormalization(_ norm: LocalResponseNorm, source: Tensor, output: Tensor, cell: CellPosition, channel: Int,
                                   into buffer: inout ScreenBuffer, in area: Rect) throws {
        let theme = frame.theme
        let lrn = try norm.arithmetic(input: source, y: cell.y, x: cell.x, channel: channel)
        let squares = theme.mode.usesColor ? "Σ x²" : "sum x^2"
        buffer.write("\(norm.name) ch \(channel) at y \(cell.y), x \(cell.x): LRN across channels of \(sourceName)",
                     in: area, row: 0, style: theme.title)
        let scale: String
        switch norm.convention {
        case .tensorFlow: scale = "alpha"
        case let .caffe(size, _, _, _): scale = "alpha/\(size)"
        }
        buffer.write("  x / (bias + \(scale) \(times) \(squares))^beta, \(squares) over ch "
                     + "\(lrn.channels.lowerBound)...\(lrn.channels.upperBound)", in: area, row: 1)
        buffer.write("    = \(Self.number(Double(lrn.value))) / (\(Self.number(Double(lrn.bias))) + "
                     + "\(Self.number(Double(lrn.scale))) \(times) \(Self.number(lrn.sumOfSquares)))^\(Self.number(Double(lrn.beta)))",
                     in: area, row: 2)
        buffer.write("    = \(Self.number(Double(lrn.value))) / \(Self.number(lrn.divisor))", in: area, row: 3)
        drawCheck("    = \(Self.number(lrn.output))" + theme.separator
                  + "the map shows \(Self.number(Double(output[cell.y, cell.x, channel])))",
                  computed: lrn.output, engine: output[cell.y, cell.x, channel], row: 4, into: &buffer, in: area)
    }

    /// One line for layers with nothing to add up: what they compute.
    private func drawExplanation(into buffer: inout ScreenBuffer, in area: Rect) {
        let node = frame.node, theme = frame.theme
        let input = node.inputShape
        let explanation: String
        switch node.layer {
        case let flatten as Flatten where input.isFeatureMap:
            let (h, w, c) = (input[0], input[1], input[2])
            let formula = flatten.order == .hwc ? "(y \(times) \(w) + x) \(times) \(c) + ch" : "(ch \(times) \(h) + y) \(times) \(w) + x"
            explanation = "\(flatten.name) moves values, computes nothing: output i = input (y, x, ch) with i = \(formula)"
        case let dropout as Dropout:
            explanation = dropout.training
                ? "\(dropout.name): a seeded mask zeroes each value with probability \(dropout.rate), the rest are scaled by 1/(1-rate)"
                : "\(dropout.name): the identity at inference (each output equals its input)"
        case let pool as AdaptiveAvgPool2D where input.isFeatureMap:
            let copy = input[0] == pool.outputHeight && input[1] == pool.outputWidth
            explanation = "\(pool.name): each output cell is the mean of its window of the input"
                + (copy ? " (already \(input[0])x\(input[1]): one value each, a copy)" : "")
        default:
            explanation = "\(node.layer.name) is \(node.layer.summary): no weights, so no sum to show"
        }
        buffer.write(explanation, in: area, row: 0, style: theme.title)
        buffer.write("sums are shown on conv and dense layers", in: area, row: 1, style: theme.dim)
    }

    /// `3...5`, or `3` for one.
    private static func span(_ range: Range<Int>) -> String {
        range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound)...\(range.upperBound - 1)"
    }

    /// `x` right-aligned in a column of 10 with a space at least before it, so that neighbours
    /// never run together.
    static func column(_ x: Double) -> String {
        Format.pad(compactNumber(x), to: 10, right: true)
    }

    /// `number`, or fewer significant digits where four take more than 9 characters
    /// (`-0.0003887`): for columns.
    static func compactNumber(_ x: Double) -> String {
        [4, 3, 2].lazy.map { x == 0 ? "0" : String(format: "%.\($0)g", x) }.first { $0.count <= 9 } ?? number(x)
    }

    /// Four significant digits, enough to see a sum add up.
    static func number(_ x: Double) -> String {
        if x == 0 { return "0" }
        return String(format: "%.4g", x)
    }
}
