import Engine
import Testing
@testable import Explorer

/// `D` on the seed preset: drop6 and drop7 drop half their inputs and double the rest, then pass
/// them through again; elsewhere `D` says why it does nothing. What it says fits a 120-column
/// status line whole.
@Suite struct DropoutSwitchTests {
    @Test func dSwitchesTheSeedModelsDropoutAndBack() throws {
        let app = try ArithmeticViewTests.presetApp(.seed, colorMode: .trueColor)
        app.allowDropoutSwitching(seed: 7)
        try ArithmeticViewTests.step(app, to: "drop6")
        let drop6 = app.state.layer
        #expect(app.worker.run.outputs[drop6].toArray() == app.worker.run.outputs[drop6 - 1].toArray())
        app.press(.character("D"))
        #expect(app.network.dropoutMode == .original)
        #expect(app.state.message?.hasPrefix("dropout original: drop6, drop7 zero half, double the rest") == true)
        #expect(app.render(width: 120, height: 40).lines.last?.contains(app.state.message ?? "-") == true)
        let before = app.worker.run.outputs[drop6 - 1].toArray(), after = app.worker.run.outputs[drop6].toArray()
        #expect(zip(before, after).allSatisfy { $1 == 0 || $1 == 2 * $0 })
        let zeroed = after.filter { $0 == 0 }.count
        #expect((2...14).contains(zeroed), "\(zeroed) of 16 zeroed")   // Binomial(16, 0.5): 2...14 is 3.5 sigma
        // The mask is the engine's for the same seed.
        let reference = try app.network.withDropout(.original, seed: 7)
        let run = ForwardRun(network: reference, input: app.worker.run.input)
        run.compute(through: drop6)
        #expect(run.outputs[drop6].toArray() == after)
        app.press(.character("D"))
        #expect(app.network.dropoutMode == .inference)
        #expect(app.worker.run.outputs[drop6].toArray() == app.worker.run.outputs[drop6 - 1].toArray())
    }

    @Test func withoutSwitchingAllowedDExplains() throws {
        let app = try ArithmeticViewTests.presetApp(.alexnet, colorMode: .trueColor)
        app.press(.character("D"))
        #expect(app.network.dropoutMode == .inference)
        #expect(app.state.message?.contains("only the seed model drops when predicting") == true)
        #expect(app.render(width: 120, height: 40).lines.last?.contains(app.state.message ?? "-") == true)
    }
}
