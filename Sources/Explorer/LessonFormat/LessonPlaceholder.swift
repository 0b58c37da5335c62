import Engine

/// A number of this run in a lesson's text, written `{subject.property}`: `{layer.zeros}`,
/// `{conv1.time}`, `{top1.label}`, `{model.params}`. LESSONS.md lists every one.
public struct LessonPlaceholder: Hashable, Sendable {
    public enum Subject: Hashable, Sendable {
        /// A layer by name (`{layer.…}` is the step's own layer).
        case layer(String)
        /// The layer that took the most time.
        case slowest
        /// The whole model and run.
        case model
        /// The classifier's n-th most probable class, from 1.
        case top(Int)
    }

    public enum Property: String, CaseIterable, Sendable {
        // Any layer (also `slowest`).
        case name, summary, input, shape, count, params, flops, time, share, zeros, min, max, mean, std
        // Feature maps.
        case height, width, channels, field, jump
        // Convolutions (kernel and stride also max-pools).
        case kernel, stride, filters, fanIn = "fan-in", padding
        // Local response normalisation.
        case radius, alpha, beta, bias
        // Dense layers.
        case inputs, outputs, saturated
        // Dropout.
        case rate
        // The model (also `name`, `params`, `flops`, `time`).
        case classes, weights, layers, dropout
        // A top class.
        case label, p

        /// Properties every layer has, so `slowest` (whichever layer it is) may use them.
        static let anyLayer: Set<Property> = [.name, .summary, .input, .shape, .count, .params, .flops, .time,
                                              .share, .zeros, .min, .max, .mean, .std]

        /// Whether a layer of `kind` with output `shape` has this property.
        func applies(to kind: LayerKind, shape: Shape) -> Bool {
            if Self.anyLayer.contains(self) { return true }
            switch self {
            case .height, .width, .channels, .field, .jump: return shape.isFeatureMap
            case .kernel, .stride: return kind == .conv2d || kind == .maxPool2d
            case .filters, .fanIn, .padding: return kind == .conv2d
            case .radius, .alpha, .beta, .bias: return kind == .localResponseNorm
            case .inputs, .outputs, .saturated: return kind == .dense
            case .rate: return kind == .dropout
            default: return false
            }
        }

        static let model: Set<Property> = [.name, .params, .flops, .time, .classes, .weights, .layers, .dropout]
        static let top: Set<Property> = [.label, .p]
    }

    public let subject: Subject
    public let property: Property

    public init(_ subject: Subject, _ property: Property) {
        self.subject = subject
        self.property = property
    }

    /// The classes `{topN.…}` may name.
    static let topRange = 1...10

    /// Reads `subject.property` (the text between the braces); `stepLayer` stands for `layer`.
    /// Checks that the subject exists in `model` and has the property; the error says why not.
    static func parse(_ text: String, stepLayer: String, model: LessonModel) -> Result<LessonPlaceholder, PlaceholderProblem> {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            return .failure(.init("{\(text)}: a placeholder is {subject.property}, e.g. {layer.shape}"))
        }
        let (subjectName, propertyName) = (String(parts[0]), String(parts[1]))
        guard let property = Property(rawValue: propertyName) else {
            return .failure(.init("{\(text)}: unknown property '\(propertyName)' (see LESSONS.md)"))
        }
        let subject: Subject
        switch subjectName {
        case "model":
            guard Property.model.contains(property) else {
                return .failure(.init("{\(text)}: the model has no '\(propertyName)' (it has \(names(Property.model)))"))
            }
            return .success(LessonPlaceholder(.model, property))
        case "slowest":
            guard Property.anyLayer.contains(property) else {
                return .failure(.init("{\(text)}: 'slowest' may be any layer, so only \(names(Property.anyLayer))"))
            }
            return .success(LessonPlaceholder(.slowest, property))
        case _ where subjectName.hasPrefix("top") && Int(subjectName.dropFirst(3)) != nil:
            let rank = Int(subjectName.dropFirst(3))!
            guard topRange.contains(rank) else {
                return .failure(.init("{\(text)}: top1 ... top\(topRange.upperBound) only"))
            }
            guard Property.top.contains(property) else {
                return .failure(.init("{\(text)}: a top class has label and p"))
            }
            return .success(LessonPlaceholder(.top(rank), property))
        default:
            let name = subjectName == "layer" ? stepLayer : subjectName
            guard let layer = model.layer(named: name) else {
                return .failure(.init("{\(text)}: unknown layer '\(name)' in model \(model.name)"))
            }
            guard property.applies(to: layer.kind, shape: layer.shape) else {
                return .failure(.init("{\(text)}: \(name) (\(layer.kind.rawValue), \(layer.shape)) has no '\(propertyName)'"))
            }
            subject = .layer(name)
        }
        return .success(LessonPlaceholder(subject, property))
    }

    private static func names(_ properties: Set<Property>) -> String {
        Property.allCases.filter(properties.contains).map(\.rawValue).joined(separator: ", ")
    }
}

/// Why a placeholder cannot be filled; the parser adds the file and line.
struct PlaceholderProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
