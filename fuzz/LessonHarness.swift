import Engine

/// Both presets' layers at reduced widths (the names, kinds and map sizes are the full models'),
/// built once.
private let models: [LessonModel] = Preset.allCases.map { preset in
    let widths = Preset.Widths(conv1: 4, conv2: 4, conv3: 4, conv4: 4, conv5: 4, fc6: 8, fc7: 8, classes: preset.widths.classes)
    return LessonModel(try! preset.build(weights: .random(seed: 0), widths: widths).network)
}

/// Fills every placeholder with a fixed word, so resolving runs over every piece.
private struct FixedFacts: LessonFacts {
    func text(for placeholder: LessonPlaceholder) -> String? { placeholder.property.rawValue }
}

/// libFuzzer entry: any bytes as a `--lesson-file`, read for each model. Either a one-line
/// `LessonError` whose line is in the file, or a lesson whose every step the model can show.
@_cdecl("LLVMFuzzerTestOneInput")
public func lessonFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let lineCount = bytes.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    for model in models {
        do {
            let lesson = try LessonParser(file: "fuzz.lesson", model: model).parse(bytes)
            for step in lesson.steps {
                guard let layer = model.layer(named: step.layer), LessonParser.problem(showing: step.view, on: layer) == nil,
                      (1...lineCount).contains(step.line) else {
                    fatalError("a step the model cannot show: \(step.layer) \(step.view) at line \(step.line)")
                }
                if let cursor = step.cursor, !(layer.shape.isFeatureMap && cursor.y < layer.shape[0] && cursor.x < layer.shape[1]) {
                    fatalError("cursor \(cursor) outside \(layer.name) \(layer.shape)")
                }
                _ = LessonText.resolve(step.title, with: FixedFacts(), pending: "…")
                for paragraph in step.paragraphs { _ = LessonText.resolve(paragraph, with: FixedFacts(), pending: "…") }
            }
        } catch {
            guard !error.description.contains("\n"), (0...lineCount).contains(error.line) else {
                fatalError("not a one-line error within the file: \(error.description)")
            }
        }
    }
    return 0
}
