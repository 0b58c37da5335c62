import Engine
import Explorer
import Foundation

/// The interactive path: the explorer in the terminal.
enum Explore {
    static func run(model: ModelOptions, input: InputOptions, compare: ComparisonInput?, display: DisplayOptions,
                    lessons: LessonOptions) throws {
        // A file that cannot be used is the first thing to report; then, before the weights are
        // drawn: without a terminal there is nothing to show them on.
        let inputs = try Session.readInputs(model: model, input: input, compare: compare)
        let lessonSource = try lessons.source()
        if let problem = explorerTerminalProblem() {
            throw CommandFailure(message: "\(problem); use --report table|json|csv for non-interactive output")
        }
        let app = try makeApp(inputs: inputs, display: display)
        if let (name, bytes) = lessonSource {
            do {
                app.startLesson(try LessonParser(file: name, model: app.lessonModel).parse(bytes))
            } catch {
                throw CommandFailure(message: error.description)
            }
        }
        let status: Int32
        do {
            status = try runExplorer(app, mouse: !display.noMouse)
        } catch {
            throw CommandFailure(message: "terminal: \(error)")
        }
        Foundation.exit(status)
    }

    /// The explorer on the loaded session. The app holds the only reference to the run when this
    /// returns, so `G` can let the old weights go before it draws new ones.
    private static func makeApp(inputs: Session.Inputs, display: DisplayOptions) throws -> ExplorerApp {
        let (session, model) = (try inputs.session(), inputs.model)
        var context = ExplorerContext(
            modelName: session.preset.rawValue, weightsDescription: session.weightsDescription,
            imagePath: session.imagePath, imageWidth: session.imageWidth, imageHeight: session.imageHeight,
            labels: session.labels, topK: session.topK, randomWeights: session.randomWeights)
        context.kernels = KernelVariant.selected.rawValue
        let app = ExplorerApp(run: session.run, context: context,
                              colorMode: explorerColorMode(requested: display.requestedColorMode))
        // `d` cycles the comparison: the --compare value first, then transforms of the image.
        app.allowComparison(ComparisonChoices(given: session.comparison?.input, givenTensor: session.comparison?.tensor,
                                              preprocessing: session.preset.preprocessing, seed: model.seed),
                            showing: session.comparison == nil ? nil : 0)
        if session.preset == .seed { app.allowDropoutSwitching(seed: model.seed) }
        if model.weights == nil {
            // Random weights can be redrawn under another scheme from inside the explorer.
            let (preset, seed, tensor, dropout) = (session.preset, model.seed, session.run.input, model.dropout)
            app.allowInitSwitching(from: model.initScheme) { scheme in
                let network = try preset.makeNetwork(weights: .random(seed: seed), initScheme: scheme)
                    .withDropout(dropout, seed: seed)
                return (ForwardRun(network: network, input: tensor),
                        "random init, seed \(seed)" + (scheme == .presetDefault ? "" : ", \(scheme.rawValue)"))
            }
        }
        return app
    }
}
