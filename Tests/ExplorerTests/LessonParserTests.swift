import Testing
import Engine
@testable import Explorer

/// The lesson file format: a hand-written lesson read back exactly, the built-in lesson on both
/// models, and one-line errors naming the file, the line and the problem.
@Suite struct LessonParserTests {
    /// Both presets at reduced widths (names, kinds and map sizes are the full models').
    static let seed = try! LessonModel(Preset.seed.build(weights: .random(seed: 0), widths: reduced(.seed)).network)
    static let alexnet = try! LessonModel(Preset.alexnet.build(weights: .random(seed: 0), widths: reduced(.alexnet)).network)

    static func reduced(_ preset: Preset) -> Preset.Widths {
        Preset.Widths(conv1: 8, conv2: 16, conv3: 24, conv4: 16, conv5: 12, fc6: 32, fc7: 24, classes: preset.widths.classes)
    }

    func parse(_ text: String, model: LessonModel = seed) throws(LessonError) -> Lesson {
        try LessonParser(file: "t.lesson", model: model).parse(Array(text.utf8))
    }

    @Test func aLessonReadsBackAsWritten() throws {
        let lesson = try parse("""
            # My lesson
            % a comment

            ## First: {layer.shape}
            layer: conv1
            view: map
            channel: 3
            cursor: 5, 7

            Conv1 has {layer.filters} filters,
            each {conv1.kernel}. {{braces}}
            - a list item with {top1.label}
            % a comment inside
            Second line of the item.

            A new paragraph, {model.params} weights.
            ## Second
            layer: fc6
            view: vector
            model: seed alexnet
            """)
        #expect(lesson.title == "My lesson")
        #expect(lesson.steps.count == 2)
        let first = lesson.steps[0]
        #expect(first.line == 4)
        #expect(first.title == [.literal("First: "), .placeholder(.init(.layer("conv1"), .shape))])
        #expect(first.layer == "conv1" && first.view == .map && first.channel == 3 && first.cursor == LessonCell(y: 5, x: 7))
        #expect(first.paragraphs == [
            [.literal("Conv1 has "), .placeholder(.init(.layer("conv1"), .filters)), .literal(" filters, each "),
             .placeholder(.init(.layer("conv1"), .kernel)), .literal(". {braces}")],
            [.literal("- a list item with "), .placeholder(.init(.top(1), .label)), .literal(" Second line of the item.")],
            [.literal("A new paragraph, "), .placeholder(.init(.model, .params)), .literal(" weights.")],
        ])
        let second = lesson.steps[1]
        #expect(second.layer == "fc6" && second.view == .vector && second.channel == nil && second.cursor == nil)
        #expect(second.paragraphs.isEmpty)
    }

    @Test func windowsLineEndingsAndTabsAreAccepted() throws {
        let lesson = try parse("## A\r\nlayer:\tpool1\r\nview: grid \r\n\r\nText\r\n")
        #expect(lesson.steps[0].layer == "pool1" && lesson.steps[0].paragraphs == [[.literal("Text")]])
    }

    @Test func stepsForAnotherModelAreLeftOut() throws {
        let text = """
            ## Both
            layer: conv1
            view: map
            ## Seed only
            layer: norm1
            view: map
            model: seed
            ## Alexnet only
            layer: avgpool
            view: grid
            model: alexnet
            """
        #expect(try parse(text, model: Self.seed).steps.map(\.layer) == ["conv1", "norm1"])
        #expect(try parse(text, model: Self.alexnet).steps.map(\.layer) == ["conv1", "avgpool"])
    }

    @Test(arguments: [Self.seed, Self.alexnet])
    func theBuiltInLessonParsesOnBothModels(_ model: LessonModel) throws {
        let lesson = try LessonParser(file: BuiltInLesson.name, model: model).parse(BuiltInLesson.bytes)
        #expect(lesson.title == "AlexNet, one layer at a time")
        // A dozen steps each, covering what issue 15 lists.
        #expect((12...14).contains(lesson.steps.count), "\(lesson.steps.count) steps")
        let views = Set(lesson.steps.map(\.view))
        for view in [LessonView.input, .arithmetic, .receptiveField, .before, .topK, .timing, .map, .vector] {
            #expect(views.contains(view) || (view == .map && model.name == "alexnet"), "\(view) unused")
        }
        for layer in ["conv1", "pool1", "conv3", "flatten", "fc6", "drop6", "fc8"] {
            #expect(lesson.steps.contains { $0.layer == layer }, "\(layer) has no step")
        }
        #expect(lesson.steps.contains { $0.layer == "norm1" } == (model.name == "seed"))
    }

    /// Each malformed lesson and the exact one-line error it gives.
    @Test(arguments: [
        ("layer: conv1\n", "t.lesson:1: text before the first step (a step begins with '## ')"),
        ("# T\n\n% only a comment\n", "t.lesson: no steps (a step begins with '## ')"),
        ("##Step\nlayer: conv1\nview: map\n", "t.lesson:1: a step heading is '## ' and a title"),
        ("## A\nview: map\n", "t.lesson:1: step 'A' has no 'layer:'"),
        ("## A\nlayer: conv1\n", "t.lesson:1: step 'A' has no 'view:'"),
        ("## A\nlayer: conv9\nview: map\n",
         "t.lesson:2: unknown layer 'conv9' in model seed (conv1, pool1, norm1, conv2, pool2, norm2, conv3, conv4, conv5, pool5, norm5, flatten, fc6, drop6, fc7, drop7, fc8)"),
        ("## A\nlayer: conv1\nview: heatmap\n",
         "t.lesson:3: unknown view 'heatmap' (map, grid, vector, top-k, input, timing, arithmetic, filters, scales, before, receptive-field)"),
        ("## A\nlayer: fc6\nview: map\n", "t.lesson:3: view map needs a feature map; fc6 is a vector (32)"),
        ("## A\nlayer: conv1\nview: top-k\n", "t.lesson:3: view top-k is the classifier's (the last layer), not conv1's"),
        ("## A\nlayer: pool1\nview: before\n", "t.lesson:3: view before needs a conv or dense layer with an activation; pool1 has none"),
        ("## A\nlayer: conv1\nview: map\ncolour: red\n",
         "t.lesson:4: unknown setting 'colour' (layer, view, channel, cursor, model; leave a blank line before the text)"),
        ("## A\nlayer: conv1\nlayer: conv2\nview: map\n", "t.lesson:3: a second 'layer:' in this step"),
        ("## A\nlayer: conv1\nview: map\nchannel: 8\n", "t.lesson:4: channel 8: conv1 has 8 (0 ... 7)"),
        ("## A\nlayer: conv1\nview: map\nchannel: -1\n", "t.lesson:4: channel '-1': a whole number, 0 or more"),
        ("## A\nlayer: conv1\nview: map\ncursor: 56, 0\n", "t.lesson:4: cursor 56, 0: conv1's map is 56x56"),
        ("## A\nlayer: conv1\nview: map\ncursor: 3\n", "t.lesson:4: cursor '3': row, column (e.g. 28, 28)"),
        ("## A\nlayer: fc6\nview: vector\ncursor: 0, 0\n", "t.lesson:4: cursor: fc6 is a vector, it has no map"),
        ("## A\nlayer: conv1\nview: map\nmodel: vgg\n", "t.lesson:4: unknown model 'vgg' (seed, alexnet)"),
        ("## A\nlayer: avgpool\nview: map\nmodel: alexnet\n", "t.lesson: no step for model seed (every step names other models)"),
        ("## A\nlayer: conv1\nview: map\n\nSee {layer.zeros\n", "t.lesson:5: '{' not closed on this line (write '{{' for a brace)"),
        ("## A\nlayer: conv1\nview: map\n\nSee } here\n", "t.lesson:5: '}' without '{' (write '}}' for a brace)"),
        ("## A\nlayer: conv1\nview: map\n\n{layer.colour}\n", "t.lesson:5: {layer.colour}: unknown property 'colour' (see LESSONS.md)"),
        ("## A\nlayer: conv1\nview: map\n\n{conv9.shape}\n", "t.lesson:5: {conv9.shape}: unknown layer 'conv9' in model seed"),
        ("## A\nlayer: conv1\nview: map\n\n{pool1.filters}\n", "t.lesson:5: {pool1.filters}: pool1 (maxPool2d, 28x28x8) has no 'filters'"),
        ("## A\nlayer: conv1\nview: map\n\n{top11.label}\n", "t.lesson:5: {top11.label}: top1 ... top10 only"),
        ("## A\nlayer: conv1\nview: map\n\n{model.zeros}\n",
         "t.lesson:5: {model.zeros}: the model has no 'zeros' (it has name, params, flops, time, classes, weights, layers, dropout)"),
        ("## A\nlayer: conv1\nview: map\n\n{slowest.kernel}\n",
         "t.lesson:5: {slowest.kernel}: 'slowest' may be any layer, so only name, summary, input, shape, count, params, flops, time, share, zeros, min, max, mean, std"),
        ("## A\nlayer: conv1\nview: map\n\n{shape}\n", "t.lesson:5: {shape}: a placeholder is {subject.property}, e.g. {layer.shape}"),
        ("# T\n## A\nlayer: conv1\nview: map\n# U\n", "t.lesson:5: the lesson's '# ' title goes before the first step"),
    ])
    func malformedLessonsGiveOneLineErrors(_ text: String, _ expected: String) {
        #expect(throws: LessonError.self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect(error.description == expected)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func bytesThatAreNotALessonFile() {
        let parser = LessonParser(file: "t.lesson", model: Self.seed)
        #expect(throws: LessonError(file: "t.lesson", line: 0, "not UTF-8 text")) { try parser.parse([0x23, 0xFF, 0xFE]) }
        #expect(throws: LessonError(file: "t.lesson", line: 2, "a NUL byte: not a text file")) {
            try parser.parse(Array("## A\nlayer: conv1\u{0}\n".utf8))
        }
        #expect(throws: LessonError(file: "t.lesson", line: 0, "larger than 1 MB: not a lesson file")) {
            try parser.parse([UInt8](repeating: 0x20, count: LessonParser.maximumBytes + 1))
        }
    }

    @Test func placeholdersResolveThroughTheFactsAndShowPendingOnes() {
        struct Facts: LessonFacts {
            func text(for placeholder: LessonPlaceholder) -> String? {
                placeholder == .init(.layer("conv1"), .zeros) ? "52.7%" : nil
            }
        }
        let pieces: [LessonText] = [.literal("zeros "), .placeholder(.init(.layer("conv1"), .zeros)), .literal(", top "),
                                    .placeholder(.init(.top(1), .label))]
        #expect(LessonText.resolve(pieces, with: Facts(), pending: "…") == "zeros 52.7%, top …")
    }
}
