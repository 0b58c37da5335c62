import Testing
@testable import Explorer

/// The classifier's view ranks only classes that have a probability, and says when none has.
@Suite struct TopKViewTests {
    private func screen(logits: [Float]) throws -> String {
        let app = try TestNetwork.app(colorMode: .ascii, logits: logits)
        app.press(.end)
        return app.render(width: 160, height: 48).lines.joined(separator: "\n")
    }

    /// Every logit NaN: no class listed (not classes 0-4 at 0.0%), the panel's statistics `nan`.
    @Test func nanLogitsShowNoPredictionAndNoStatistics() throws {
        let screen = try screen(logits: [Float](repeating: .nan, count: 10))
        #expect(screen.contains("no prediction: the logits are not finite"), "\(screen)")
        #expect(!screen.contains("1. tabby cat"), "\(screen)")
        #expect(screen.contains("min nan") && screen.contains("mean nan"), "\(screen)")
        #expect(screen.contains("non-finite 10"), "\(screen)")
    }

    /// The best logit (tiger cat's 3.5) made NaN: the rest are ranked, daisy (2.8) first.
    @Test func aNaNLogitIsLeftOutOfTheRanking() throws {
        var logits = TestNetwork.logits
        logits[1] = .nan
        let screen = try screen(logits: logits)
        #expect(screen.contains("1. daisy"), "\(screen)")
        #expect(!screen.contains("tiger cat"), "\(screen)")
    }
}
