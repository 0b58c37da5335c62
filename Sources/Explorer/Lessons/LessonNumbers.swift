import Engine
import Profiling

/// A lesson's placeholders filled from what one render reads, with the formatting the panels
/// use (`Format`), so the lesson's numbers are the screen's. Values of layers not computed yet,
/// and the run's totals until every layer is, are nil (shown as pending).
struct LessonNumbers: LessonFacts {
    let frame: Frame

    private var network: Network { frame.network }
    private var isComplete: Bool { frame.published.computedCount == network.nodes.count }

    func text(for placeholder: LessonPlaceholder) -> String? {
        switch placeholder.subject {
        case .model:
            return modelText(placeholder.property)
        case .top(let rank):
            return topText(rank, placeholder.property)
        case .slowest:
            guard isComplete else { return nil }
            let seconds = network.nodes.indices.compactMap { index in frame.shownSeconds(index).map { (index, $0) } }
            guard let slowest = seconds.max(by: { $0.1 < $1.1 }) else { return nil }
            return layerText(slowest.0, placeholder.property)
        case .layer(let name):
            return network.index(of: name).flatMap { layerText($0, placeholder.property) }
        }
    }

    private func modelText(_ property: LessonPlaceholder.Property) -> String? {
        switch property {
        case .name: frame.context.modelName
        case .params: Format.count(network.parameterCount)
        case .flops: Format.count(network.nodes.indices.reduce(0) { $0 + frame.cost($1).flops })
        case .time: isComplete ? Format.milliseconds(frame.totalSeconds) : nil
        case .classes: String(frame.context.labels.count)
        case .weights: frame.context.weightsDescription
        case .layers: String(network.nodes.count)
        case .dropout: network.dropoutMode.rawValue
        default: nil
        }
    }

    /// As the top-K view lists it: the label and the softmax probability as a percentage. When
    /// no class has a probability (the logits are not finite), "no prediction" and `nan`: a
    /// placeholder left pending would promise a class that never comes.
    private func topText(_ rank: Int, _ property: LessonPlaceholder.Property) -> String? {
        guard let last = network.nodes.indices.last, let statistics = frame.statistics(last),
              let probabilities = statistics.probabilities else { return nil }
        if statistics.hasNoPrediction {
            switch property {
            case .label: return "no prediction"
            case .p: return Format.value(.nan)
            default: return nil
            }
        }
        let top = statistics.top(rank)
        guard top.count == rank else { return nil }
        let index = top[rank - 1]
        switch property {
        case .label: return index < frame.context.labels.count ? frame.context.labels[index] : "class \(index)"
        case .p: return Format.percent(Double(probabilities[index]))
        default: return nil
        }
    }

    private func layerText(_ index: Int, _ property: LessonPlaceholder.Property) -> String? {
        let node = network.nodes[index], layer = node.layer
        let output = node.outputShape
        switch property {
        case .name: return layer.name
        case .summary:
            return frame.theme.mode.usesColor ? layer.summary : layer.summary.replacingOccurrences(of: "→", with: "->")
        case .input: return node.inputShape.description
        case .shape: return output.description
        case .count: return Self.grouped(output.count)
        case .params: return Format.count(layer.parameterCount)
        case .flops: return Format.count(frame.cost(index).flops)
        case .height: return output.isFeatureMap ? String(output[0]) : nil
        case .width: return output.isFeatureMap ? String(output[1]) : nil
        case .channels: return output.isFeatureMap ? String(output[2]) : nil
        case .field, .jump:
            guard index < frame.receptiveFields.count, let field = frame.receptiveFields[index] else { return nil }
            return property == .field ? Self.size(field.height, field.width) : Self.size(field.jumpY, field.jumpX, single: true)
        case .kernel, .stride, .padding, .filters, .fanIn:
            return windowText(layer, input: node.inputShape, property)
        case .radius, .alpha, .beta, .bias:
            return (layer as? LocalResponseNorm).map { Self.constants($0.convention, property) }
        case .inputs: return (layer as? Dense).map { Self.grouped($0.inputs) }
        case .outputs: return (layer as? Dense).map { Self.grouped($0.outputs) }
        case .rate: return (layer as? Dropout).map { Format.value(Double($0.rate)) }
        case .time:
            return frame.shownSeconds(index).map(Format.milliseconds)
        case .share:
            guard isComplete, let seconds = frame.shownSeconds(index), frame.totalSeconds > 0 else { return nil }
            return Format.percent(seconds / frame.totalSeconds)
        case .zeros, .min, .max, .mean, .std:
            guard let stats = frame.statistics(index)?.overall else { return nil }
            switch property {
            case .zeros: return Format.percent(stats.zeros)
            case .min: return Format.value(stats.min)
            case .max: return Format.value(stats.max)
            case .mean: return Format.value(stats.mean)
            default: return Format.value(stats.std)
            }
        case .saturated:
            guard let output = frame.output(index) else { return nil }
            let values = UnsafeBufferPointer(output.buffer)
            return PreActivationValues.effect(of: .tanh, before: values, after: values).map { Format.percent($0.share) }
        case .classes, .weights, .layers, .dropout, .label, .p:
            return nil
        }
    }

    private func windowText(_ layer: any Layer, input: Shape, _ property: LessonPlaceholder.Property) -> String? {
        let geometry: WindowGeometry
        switch layer {
        case let conv as Conv2D:
            geometry = conv.geometry
            if property == .filters { return String(conv.outputChannels) }
            if property == .fanIn { return Self.grouped(conv.weights.shape[0] * conv.weights.shape[1] * conv.weights.shape[2]) }
        case let pool as MaxPool2D: geometry = pool.geometry
        default: return nil
        }
        switch property {
        case .kernel: return Self.size(geometry.kernelHeight, geometry.kernelWidth)
        case .stride: return Self.size(geometry.strideHeight, geometry.strideWidth, single: true)
        case .padding: return geometry.padding.description
        default: return nil
        }
    }

    private static func constants(_ convention: LocalResponseNorm.Convention, _ property: LessonPlaceholder.Property) -> String {
        let (radius, bias, alpha, beta): (Int, Float, Float, Float)
        switch convention {
        case let .tensorFlow(r, b, a, e): (radius, bias, alpha, beta) = (r, b, a, e)
        case let .caffe(size, k, a, e): (radius, bias, alpha, beta) = (size / 2, k, a, e)
        }
        switch property {
        case .radius: return String(radius)
        case .alpha: return Format.value(Double(alpha))
        case .beta: return Format.value(Double(beta))
        default: return Format.value(Double(bias))
        }
    }

    /// `11x11`, or `4` for a stride or step the same both ways.
    private static func size(_ height: Int, _ width: Int, single: Bool = false) -> String {
        single && height == width ? String(height) : "\(height)x\(width)"
    }

    /// `301,056`: counts written out in full, as a sentence would.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        let groups = stride(from: digits.count, to: 0, by: -3).reversed().map { end in String(digits[max(end - 3, 0)..<end]) }
        return (n < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
