import Foundation
import Testing
import TestSupport

extension ExplorerEndToEndTests {
    /// Issue 15 in the real binary: the built-in lesson from its first step to its last on both
    /// presets, a lesson file written for the test, malformed lesson files, full screen.
    @Suite struct ExplorerLessonTests {
        /// A step of `tour.lesson` as this test reads it (independently of the app's parser).
        struct Step {
            var title = "", layer = "", view = "", models: [String]?
        }

        /// The built-in lesson's steps for `model`, read from the file with a few string splits.
        static func tourSteps(for model: String) throws -> [Step] {
            let text = try String(contentsOfFile: packageRoot + "/Sources/Explorer/Lessons/tour.lesson", encoding: .utf8)
            var steps: [Step] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("## ") { steps.append(Step(title: String(line.dropFirst(3)))) }
                guard !steps.isEmpty else { continue }
                if line.hasPrefix("layer: ") { steps[steps.count - 1].layer = String(line.dropFirst(7)) }
                if line.hasPrefix("view: ") { steps[steps.count - 1].view = String(line.dropFirst(6)) }
                if line.hasPrefix("model: ") { steps[steps.count - 1].models = line.dropFirst(7).split(separator: " ").map(String.init) }
            }
            return steps.filter { $0.models?.contains(model) ?? true }
        }

        /// What the main area shows for each `view:` (its first lines).
        static func viewIsShown(_ view: String, main: String) -> Bool {
            switch view {
            case "input": main.contains("input 224x224x3 │")
            case "receptive-field": main.contains(" sees input y ")
            case "arithmetic": main.contains(" at y ") || main.contains("computes nothing")
            case "before": main.contains("before ReLU") || main.contains("before tanh")
            case "map": main.contains(" of ") && !main.contains("[")
            case "grid": main.contains("[")
            case "vector": main.contains("values, 1 cell =")
            case "top-k": main.contains("classes (softmax)")
            case "timing": main.contains("time per layer")
            default: false
            }
        }

        /// The lesson's text (left of the first divider, below its heading) as one line.
        static func lessonColumn(_ rows: [String]) -> String {
            rows.dropFirst(2).prefix { !$0.contains("Space/→ next") }.map { $0.components(separatedBy: "│").first ?? "" }
                .joined(separator: " ").split(separator: " ").joined(separator: " ")
        }

        /// The first `captures` groups of `pattern` in `text`, or nil.
        static func match(_ pattern: String, in text: String) -> [String]? {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                  let found = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
            return (1..<found.numberOfRanges).compactMap { Range(found.range(at: $0), in: text).map { String(text[$0]) } }
        }

        @Test(arguments: ["seed", "alexnet"])
        func theBuiltInLessonFromFirstStepToLast(model: String) throws {
            let steps = try Self.tourSteps(for: model)
            #expect(steps.count >= 12)
            let session = try launch(["samples/chelsea.ppm", "--model", model, "--lesson"], width: 160, height: 48)
            defer { session.close() }
            for (index, step) in steps.enumerated() {
                if index > 0 { try session.send(index % 2 == 0 ? "Space" : "Right") }
                let heading = " \(index + 1)/\(steps.count) │"
                // Waited for until every number is filled in (a pending one shows as …) and the
                // screen is still (a capture can catch a frame half painted).
                let screen = try session.waitForStillScreen("step \(index + 1)") { screen in
                    let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    return rows.count > 2 && rows[1].hasPrefix(heading) && !Self.lessonColumn(rows).contains("…")
                        && !screen.lowercased().contains("computing")
                }
                let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                // The lesson's column, and right of it the layer panel and the main view.
                let lesson = Self.lessonColumn(rows)
                let right = rows.dropFirst().map { $0.components(separatedBy: "│").dropFirst().joined(separator: "│") }
                // The panel ends with a line of ─; the main view's first lines follow.
                let panelRows = right.prefix { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("─") }
                let panel = panelRows.joined(separator: "\n")
                let main = right.dropFirst(panelRows.count + 1).prefix(6).joined(separator: "\n")
                let where_ = "\(model) step \(index + 1) (\(step.title))"
                #expect(rows[1].components(separatedBy: "│")[2].split(separator: " ").first.map(String.init) == step.layer,
                        "\(where_): panel shows \(rows[1])")
                #expect(Self.viewIsShown(step.view, main: main), "\(where_): view \(step.view), main area:\n\(main)")
                for unfilled in ["{", "}", "nil", "…"] { #expect(!lesson.contains(unfilled), "\(where_): \(lesson)") }
                try expectPanelNumbers(step: step, lesson: lesson, panel: panel, screen: right.joined(separator: "\n"), where_)
            }
            // The last step stays; Esc leaves the lesson (the layer list is back), Esc again closes
            // the timing view the last step showed, and a third quits.
            try session.send("Space", "Escape")
            try session.waitForScreen("the layer list") { !$0.contains("Space/→ next") && $0.contains("▸") }
            try session.send("Escape", "Escape")
            try expectExit(session, status: 0)
        }

        /// The numbers the step's text shows are those on the panel (or in the view) beside it.
        func expectPanelNumbers(step: Step, lesson: String, panel: String, screen: String, _ where_: String,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
            func expectIn(_ pattern: String, from: String, lessonSays: (String) -> String) {
                guard let value = Self.match(pattern, in: from)?.first else {
                    Issue.record("\(where_): no \(pattern) on screen:\n\(from)", sourceLocation: sourceLocation)
                    return
                }
                #expect(lesson.contains(lessonSays(value)), "\(where_): \(lessonSays(value)) not in: \(lesson)",
                        sourceLocation: sourceLocation)
            }
            let grouped = { (digits: String) -> String in
                NumberFormatter.localizedString(from: NSNumber(value: Int(digits)!), number: .decimal)
                    .replacingOccurrences(of: "\u{a0}", with: ",")
            }
            switch step.title.split(separator: ":").first.map(String.init) ?? "" {
            case "Convolution":
                expectIn("(\\d+) filters", from: panel) { "\($0) filters" }
                expectIn("→ (\\d+x\\d+)x\\d+ │", from: panel) { "\($0) positions" }
            case "ReLU":
                expectIn("zeros (\\S+%)", from: panel) { "\($0) of conv1's" }
                expectIn("max (\\S+) ", from: panel) { "the largest is \($0)" }
            case "Max-pool":
                expectIn("→ (\\S+) │", from: panel) { "becomes \($0)" }
            case "Local response normalisation":
                expectIn("norm1 │ (.*)\\n", from: panel) { "channels: \($0.trimmingCharacters(in: .whitespaces))" }
                expectIn("max (\\S+) ", from: panel) { "to \($0)" }
            case "No normalisation here":
                expectIn("(\\d+) filters", from: panel) { "conv2 has \($0) channels" }
            case "A quirk of the original":
                expectIn("(\\S+) FLOPs", from: panel) { "(\($0) FLOPs" }
                expectIn("time (\\S+ ms)", from: panel) { "\($0))" }
            case "Flatten":
                expectIn("→ (\\d+) │", from: panel) { "vector of \(grouped($0)) numbers" }
            case "Dense layers and tanh", "Dense layers":
                expectIn("(\\S+) params", from: panel) { "\($0) weights of" }
            case "Dropout":
                expectIn("zeros (\\S+%)", from: panel) { "\($0)" }
            case "Softmax and the top classes":
                // `1. Lily Valley  ████▍   59.6%`: the label ends where the bar begins, the share is last.
                guard let line = screen.split(separator: "\n").first(where: { $0.contains(" 1. ") }),
                      let rest = line.components(separatedBy: " 1. ").last,
                      let p = rest.split(separator: " ").last else {
                    Issue.record("\(where_): no top class on screen:\n\(screen)", sourceLocation: sourceLocation)
                    return
                }
                let label = rest.prefix { !"▏▎▍▌▋▊▉█".contains($0) }.trimmingCharacters(in: .whitespaces)
                #expect(lesson.contains("top class is \(label) at \(p)"), "\(where_): \(label) \(p) not in: \(lesson)",
                        sourceLocation: sourceLocation)
            case "Where the time goes":
                guard let said = Self.match("The slowest layer is (\\w+): (\\S+ ms)", in: lesson) else {
                    Issue.record("\(where_): no slowest layer in \(lesson)", sourceLocation: sourceLocation)
                    return
                }
                #expect(screen.split(separator: "\n").contains { $0.contains(" \(said[0]) ") && $0.contains(said[1]) },
                        "\(where_): \(said[0]) at \(said[1]) not in the timing view:\n\(screen)", sourceLocation: sourceLocation)
            default:
                break
            }
        }

        @Test func aLessonWrittenForTheTestRuns() throws {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("alexnet-tui-test-\(getpid()).lesson")
            try """
                # Two steps for a test
                ## Pool2 has {pool2.channels} channels
                layer: pool2
                view: grid

                pool2 is {pool2.shape}, its largest value {pool2.max}.
                ## The answer
                layer: fc8
                view: top-k
                channel: 3

                First: {top1.label} ({top1.p}); the run took {model.time}.
                """.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let session = try launch(["samples/chelsea.ppm", "--model", "alexnet", "--lesson-file", file.path], width: 160, height: 48)
            defer { session.close() }
            // On a still screen, as for step 2 below (a capture once caught the header without the text).
            var screen = try session.waitForStillScreen("step 1") { $0.contains(" 1/2 │ Two steps for a test") && !$0.contains("…") }
            #expect(screen.contains("Pool2 has 192 channels"))
            #expect(screen.contains("pool2 is 13x13x192, its largest value"))
            try session.send("Space")
            // Waits for the step's view, not only its header, on a still screen: tmux can capture a
            // frame half painted (seen in full `swift test` runs, here and after `f` below).
            screen = try session.waitForStillScreen("step 2") {
                $0.contains(" 2/2 │") && $0.contains("top 5 of 1000 classes") && $0.contains("First:")
                    && !$0.contains("…") && !$0.contains("computing")
            }
            let label = try #require(Self.match("1\\. (\\S+)", in: screen)?.first)
            #expect(screen.contains("First: \(label)"))
            // f: the view alone; f again: the lesson's text is back.
            try session.send("f")
            screen = try session.waitForStillScreen("full screen") { !$0.contains("alexnet-tui │") && $0.contains("top 5 of 1000") }
            #expect(!screen.contains("First:"))
            try session.send("f")
            try session.waitFor("First: \(label)")
            try session.send("q")
            try expectExit(session, status: 0)
        }

        /// Six malformed lessons: one line naming the file, the line and the problem, status 1.
        /// (An empty file is readable: what is wrong is that it has no steps.)
        @Test(arguments: [
            ("no-steps.lesson", "# Only a title\n", "no steps (a step begins with '## ')"),
            ("empty.lesson", "", "no steps (a step begins with '## ')"),
            ("bad-layer.lesson", "## A\nlayer: conv9\nview: map\n", "2: unknown layer 'conv9' in model seed"),
            ("bad-view.lesson", "## A\nlayer: fc6\nview: map\n", "3: view map needs a feature map; fc6 is a vector (4096)"),
            ("bad-placeholder.lesson", "## A\nlayer: conv1\nview: map\n\nSee {conv1.colour}.\n",
             "5: {conv1.colour}: unknown property 'colour' (see LESSONS.md)"),
            ("bad-cursor.lesson", "## A\nlayer: conv1\nview: map\ncursor: 60, 0\n", "4: cursor 60, 0: conv1's map is 56x56"),
        ])
        func aMalformedLessonFileIsOneLineAndStatusOne(name: String, text: String, problem: String) throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alexnet-tui-lessons-\(getpid())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let file = directory.appendingPathComponent(name)
            try text.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let session = try launch(["samples/chelsea.ppm", "--lesson-file", file.path])
            defer { session.close() }
            try expectExit(session, status: 1)
            let expected = "alexnet-tui: error: \(file.path)" + (problem.first!.isNumber ? ":" : ": ") + problem
            // The pane wraps the line at its width: rejoined without the breaks.
            let screen = try session.screen()
            let joined = screen.split(separator: "\n").map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined()
            #expect(joined.contains(expected), "expected \(expected) in:\n\(screen)")
            #expect(screen.components(separatedBy: "alexnet-tui: error:").count == 2, "one error line:\n\(screen)")
        }
    }
}
