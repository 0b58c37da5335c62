import Testing
import Engine
import TestSupport

struct SoftmaxTests {
    private func probabilities(_ logits: [Float]) -> [Float] {
        logits.withUnsafeBufferPointer { softmax($0) }
    }

    @Test func matchesTheReferenceAndSumsToOne() {
        let logits = randomTensor(Shape(1000), seed: 81, in: -20...20).toArray()
        let p = probabilities(logits)
        expectClose(p, Reference.softmax(logits), relativeTolerance: 1e-6)
        expectClose(p.reduce(0, +), 1, relativeTolerance: 1e-5)
    }

    @Test func hugeLogitsDoNotOverflow() {
        expectClose(probabilities([1000, 1001]), [1 / (1 + 2.718281828459045), 2.718281828459045 / (1 + 2.718281828459045)],
                    relativeTolerance: 1e-6)
        expectClose(probabilities([-1000, -1001]), [2.718281828459045 / (1 + 2.718281828459045), 1 / (1 + 2.718281828459045)],
                    relativeTolerance: 1e-6)
    }

    /// Probabilities as text, so that NaN compares equal to NaN.
    private func described(_ logits: [Float]) -> String { "\(probabilities(logits))" }

    @Test func aNaNLogitHasNoProbabilityAndTheOthersShareIt() {
        #expect(described([.nan, 0, 0]) == "[nan, 0.5, 0.5]")
        #expect(described([.infinity, 3, .infinity, .nan]) == "[0.5, 0.0, 0.5, nan]")
    }

    /// Infinite logits without a NaN are still a distribution: +infinity takes it all, -infinity none.
    @Test func infiniteLogitsWithoutNaNStayCorrect() {
        #expect(probabilities([.infinity, 3, -.infinity]) == [1, 0, 0])
        #expect(probabilities([-.infinity, 0, 0]) == [0, 0.5, 0.5])
    }

    /// All NaN or -infinity: nothing to normalise, so no probability at all rather than zeros.
    @Test func noUsableLogitGivesNoProbabilities() {
        #expect(described([.nan, -.infinity]) == "[nan, nan]")
        #expect(described([-.infinity, -.infinity]) == "[nan, nan]")
        #expect(probabilities([]) == [])
    }
}
