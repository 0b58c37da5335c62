import Engine
import Explorer
import Foundation

/// The interactive path: the explorer in the terminal.
enum Explore {
    static func run(model: ModelOptions, input: InputOptions, display: DisplayOptions) throws {
        // Before loading anything: without a terminal there is nothing to show it on.
        if let problem = explorerTerminalProblem() {
            throw CommandFailure(message: "\(problem); use --report table|json|csv for non-interactive output")
        }
        let app = try makeApp(model: model, input: input, display: display)
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
        var context = ExplorerContext(
            modelName: session.preset.rawValue, weightsDescription: session.weightsDescription,
            imagePath: session.imagePath, imageWidth: session.imageWidth, imageHeight: session.imageHeight,
            labels: session.labels, topK: session.topK)
        context.kernels = KernelVariant.selected.rawValue
        let app = ExplorerApp(run: session.run, context: context,
                              colorMode: explorerColorMode(requested: display.requestedColorMode))
        if model.weights == nil {
            // Random weights can be redrawn under another scheme from inside the explorer.
            let (preset, seed, tensor) = (session.preset, model.seed, session.run.input)
            app.allowInitSwitching(from: model.initScheme) { scheme in
                let network = try preset.makeNetwork(weights: .random(seed: seed), initScheme: scheme)
                return (ForwardRun(network: network, input: tensor),
                        "random init, seed \(seed)" + (scheme == .presetDefault ? "" : ", \(scheme.rawValue)"))
            }
        }
        return app
    }
}
