import Engine

/// Reads the lesson file format (LESSONS.md) for one model: every problem is a `LessonError`
/// naming the file, the line and what is wrong.
///
///     # Title of the lesson                  (optional, before the first step)
///     % a comment line, anywhere
///     ## Title of a step                     (a step begins)
///     layer: conv1                           (settings, right after the heading)
///     view: arithmetic
///     channel: 0                             (optional)
///     cursor: 28, 28                         (optional: row, column)
///     model: seed                            (optional: the step is for these models only)
///
///     Text with {layer.shape} and the other placeholders; a blank line or a line starting
///     with "- " begins a new paragraph; {{ and }} are braces.
public struct LessonParser {
    /// Larger files are not lessons (a dozen steps are a few kilobytes).
    public static let maximumBytes = 1 << 20
    public static let settings = ["layer", "view", "channel", "cursor", "model"]

    /// The file's name in messages.
    let file: String
    /// The model the lesson runs on: steps for it are checked against its layers.
    let model: LessonModel
    /// Every model a `model:` line may name.
    let knownModels: [String]

    public init(file: String, model: LessonModel, knownModels: [String] = Preset.allCases.map(\.rawValue)) {
        self.file = file
        self.model = model
        self.knownModels = knownModels
    }

    /// The lesson in `bytes` (UTF-8 text), with the steps for `model`.
    public func parse(_ bytes: [UInt8]) throws(LessonError) -> Lesson {
        guard bytes.count <= Self.maximumBytes else {
            throw LessonError(file: file, line: 0, "larger than \(Self.maximumBytes >> 20) MB: not a lesson file")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LessonError(file: file, line: 0, "not UTF-8 text")
        }
        if let nul = Self.lines(of: text).firstIndex(where: { $0.contains("\0") }) {
            throw LessonError(file: file, line: nul + 1, "a NUL byte: not a text file")
        }
        return try parse(text)
    }

    public func parse(_ text: String) throws(LessonError) -> Lesson {
        var title = ""
        var drafts: [StepDraft] = []
        var inSettings = false
        var paragraphOpen = false
        for (offset, rawLine) in Self.lines(of: text).enumerated() {
            let number = offset + 1
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            let trimmed = line.trimmingSpaces
            if line.hasPrefix("%") { continue }
            if line.hasPrefix("##") {
                let stepTitle = String(line.dropFirst(2)).trimmingSpaces
                guard line.hasPrefix("## "), !stepTitle.isEmpty else {
                    throw LessonError(file: file, line: number, "a step heading is '## ' and a title")
                }
                drafts.append(StepDraft(line: number, title: stepTitle))
                inSettings = true
                paragraphOpen = false
                continue
            }
            if line.hasPrefix("# ") {
                guard drafts.isEmpty else {
                    throw LessonError(file: file, line: number, "the lesson's '# ' title goes before the first step")
                }
                guard title.isEmpty else { throw LessonError(file: file, line: number, "a second '# ' title") }
                title = String(line.dropFirst(2)).trimmingSpaces
                continue
            }
            guard !drafts.isEmpty else {
                if trimmed.isEmpty { continue }
                throw LessonError(file: file, line: number, "text before the first step (a step begins with '## ')")
            }
            if inSettings {
                if let (key, value) = Self.setting(in: line) {
                    try drafts[drafts.count - 1].set(key, value, line: number, file: file)
                    continue
                }
                inSettings = false
            }
            if trimmed.isEmpty {
                paragraphOpen = false
                continue
            }
            let startsItem = trimmed.hasPrefix("- ")
            if paragraphOpen, !startsItem {
                drafts[drafts.count - 1].paragraphs[drafts[drafts.count - 1].paragraphs.count - 1].append((number, " " + trimmed))
            } else {
                drafts[drafts.count - 1].paragraphs.append([(number, trimmed)])
            }
            paragraphOpen = true
        }
        if drafts.isEmpty { throw LessonError(file: file, line: 0, "no steps (a step begins with '## ')") }
        var steps: [LessonStep] = []
        for draft in drafts {
            if let step = try finish(draft) { steps.append(step) }
        }
        guard !steps.isEmpty else {
            throw LessonError(file: file, line: 0, "no step for model \(model.name) (every step names other models)")
        }
        return Lesson(title: title, steps: steps)
    }

    /// The lines of `text`, ended by LF or CRLF (one `Character` in Swift, so split on both).
    private static func lines(of text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

    /// `key: value` when the line starts with a word and a colon.
    private static func setting(in line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[..<colon]
        guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLowercase || $0 == "-") }) else { return nil }
        return (String(key), String(line[line.index(after: colon)...]).trimmingSpaces)
    }

    /// A step as written, before it is checked against the model.
    private struct StepDraft {
        let line: Int
        let title: String
        var values: [String: (line: Int, value: String)] = [:]
        var paragraphs: [[(line: Int, text: String)]] = []

        init(line: Int, title: String) {
            self.line = line
            self.title = title
        }

        mutating func set(_ key: String, _ value: String, line number: Int, file: String) throws(LessonError) {
            guard LessonParser.settings.contains(key) else {
                throw LessonError(file: file, line: number,
                                  "unknown setting '\(key)' (\(LessonParser.settings.joined(separator: ", ")); leave a blank line before the text)")
            }
            guard values[key] == nil else { throw LessonError(file: file, line: number, "a second '\(key):' in this step") }
            guard !value.isEmpty else { throw LessonError(file: file, line: number, "'\(key):' without a value") }
            values[key] = (number, value)
        }
    }

    /// The step checked against the model, or nil when it is for other models only.
    private func finish(_ draft: StepDraft) throws(LessonError) -> LessonStep? {
        if let (line, value) = draft.values["model"] {
            let names = value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            for name in names where !knownModels.contains(name) {
                throw LessonError(file: file, line: line, "unknown model '\(name)' (\(knownModels.joined(separator: ", ")))")
            }
            if !names.contains(model.name) { return nil }
        }
        guard let (layerLine, layerName) = draft.values["layer"] else {
            throw LessonError(file: file, line: draft.line, "step '\(draft.title)' has no 'layer:'")
        }
        guard let (viewLine, viewName) = draft.values["view"] else {
            throw LessonError(file: file, line: draft.line, "step '\(draft.title)' has no 'view:'")
        }
        guard let layer = model.layer(named: layerName) else {
            throw LessonError(file: file, line: layerLine,
                              "unknown layer '\(layerName)' in model \(model.name) (\(model.layers.map(\.name).joined(separator: ", ")))")
        }
        guard let view = LessonView(rawValue: viewName) else {
            throw LessonError(file: file, line: viewLine,
                              "unknown view '\(viewName)' (\(LessonView.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if let problem = Self.problem(showing: view, on: layer) {
            throw LessonError(file: file, line: viewLine, "view \(viewName) \(problem)")
        }
        var channel: Int?
        if let (line, value) = draft.values["channel"] {
            let limit = layer.shape.isFeatureMap ? layer.shape[2] : (layer.kind == .dense ? layer.shape[0] : 0)
            guard let number = Int(value), number >= 0 else {
                throw LessonError(file: file, line: line, "channel '\(value)': a whole number, 0 or more")
            }
            guard number < limit else {
                throw LessonError(file: file, line: line, limit == 0 ? "\(layer.name) has no channels to choose"
                                  : "channel \(number): \(layer.name) has \(limit) (0 ... \(limit - 1))")
            }
            channel = number
        }
        var cursor: LessonCell?
        if let (line, value) = draft.values["cursor"] {
            let numbers = value.split(whereSeparator: { $0 == "," || $0 == " " }).map { Int($0) }
            guard numbers.count == 2, let y = numbers[0], let x = numbers[1], y >= 0, x >= 0 else {
                throw LessonError(file: file, line: line, "cursor '\(value)': row, column (e.g. 28, 28)")
            }
            guard layer.shape.isFeatureMap else {
                throw LessonError(file: file, line: line, "cursor: \(layer.name) is a vector, it has no map")
            }
            guard y < layer.shape[0], x < layer.shape[1] else {
                throw LessonError(file: file, line: line, "cursor \(y), \(x): \(layer.name)'s map is \(layer.shape[0])x\(layer.shape[1])")
            }
            cursor = LessonCell(y: y, x: x)
        }
        let title = try pieces(of: draft.title, line: draft.line, stepLayer: layer.name)
        var paragraphs: [[LessonText]] = []
        for paragraph in draft.paragraphs {
            var pieces: [LessonText] = []
            for (line, text) in paragraph { pieces += try self.pieces(of: text, line: line, stepLayer: layer.name) }
            paragraphs.append(Self.merged(pieces))
        }
        return LessonStep(line: draft.line, title: title, layer: layer.name, view: view, channel: channel,
                          cursor: cursor, paragraphs: paragraphs)
    }

    /// Why `view` cannot show `layer`, or nil when it can.
    static func problem(showing view: LessonView, on layer: LessonModel.Layer) -> String? {
        let featureMap = layer.shape.isFeatureMap
        switch view {
        case .map, .grid, .receptiveField:
            return featureMap ? nil : "needs a feature map; \(layer.name) is a vector (\(layer.shape))"
        case .vector:
            return featureMap ? "needs a vector; \(layer.name) is a feature map (\(layer.shape))" : nil
        case .topK:
            return layer.isClassifier ? nil : "is the classifier's (the last layer), not \(layer.name)'s"
        case .before:
            return layer.hasActivation ? nil : "needs a conv or dense layer with an activation; \(layer.name) has none"
        case .filters:
            return layer.kind == .conv2d || layer.kind == .dense ? nil : "needs a conv or dense layer; \(layer.name) has no weights"
        case .input, .timing, .arithmetic, .scales:
            return nil
        }
    }

    /// Literal text and `{placeholders}` of one line.
    private func pieces(of text: String, line: Int, stepLayer: String) throws(LessonError) -> [LessonText] {
        var pieces: [LessonText] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "{", next < text.endIndex, text[next] == "{" {
                literal.append("{")
                index = text.index(after: next)
            } else if character == "}", next < text.endIndex, text[next] == "}" {
                literal.append("}")
                index = text.index(after: next)
            } else if character == "}" {
                throw LessonError(file: file, line: line, "'}' without '{' (write '}}' for a brace)")
            } else if character == "{" {
                guard let close = text[next...].firstIndex(of: "}") else {
                    throw LessonError(file: file, line: line, "'{' not closed on this line (write '{{' for a brace)")
                }
                let name = String(text[next..<close])
                switch LessonPlaceholder.parse(name, stepLayer: stepLayer, model: model) {
                case .success(let placeholder):
                    if !literal.isEmpty { pieces.append(.literal(literal)) }
                    literal = ""
                    pieces.append(.placeholder(placeholder))
                case .failure(let problem):
                    throw LessonError(file: file, line: line, problem.message)
                }
                index = text.index(after: close)
            } else {
                literal.append(character)
                index = next
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }

    /// Neighbouring literals joined into one.
    private static func merged(_ pieces: [LessonText]) -> [LessonText] {
        var result: [LessonText] = []
        for piece in pieces {
            if case .literal(let text) = piece, case .literal(let before)? = result.last {
                result[result.count - 1] = .literal(before + text)
            } else {
                result.append(piece)
            }
        }
        return result
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
