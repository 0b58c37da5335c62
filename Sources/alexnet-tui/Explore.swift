import Engine
import Explorer
import Foundation

/// The interactive path: the explorer in the terminal.
enum Explore {
    static func run(model: ModelOptions, input: InputOptions, display: DisplayOptions, lessons: LessonOptions) throws {
        // Before loading anything: without a terminal there is nothing to show it on.
        if let problem = explorerTerminalProblem() {
            throw CommandFailure(message: "\(problem); use --report table|json|csv for non-interactive output")
        }
        let lessonSource = try lessons.source()
        let app = try makeApp(model: model, input: input, display: display)
        if let (name, bytes) = lessonSource {
            do {
                app.startLesson(try LessonParser(file: name, model: app.lessonModel).parse(bytes))
            } catch {
                throw CommandFailure(message: error.description)
            }
        }
        let status: Int32
        do {
            status = try runExplorer(app)
        } catch {
            throw CommandFailure(message: "terminal: \(error)")
        }
        Foundation.exit(status)
    }

    /// The explorer on the loaded session. The app holds the only reference to the run when this
    /// returns, so `G` can let the old weights go before it draws new ones.
    private static func makeApp(model: ModelOptions, input: InputOptions, display: DisplayOptions) throws -> ExplorerApp {
        let session = try Session.load(model: model, input: input)
        let context = ExplorerContext(
            modelName: session.preset.rawValue, weightsDescription: session.weightsDescription,
            imagePath: session.imagePath, imageWidth: session.imageWidth, imageHeight: session.imageHeight,
            labels: session.labels, topK: session.topK)
        let app = ExplorerApp(run: session.run, context: context,
                              colorMode: explorerColorMode(requested: display.requestedColorMode))
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
