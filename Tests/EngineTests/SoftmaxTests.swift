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

    @Test func nonFiniteLogits() {
        #expect(probabilities([.nan, 0, 0]) == [0, 0.5, 0.5])
        #expect(probabilities([.infinity, 3, .infinity, .nan]) == [0.5, 0, 0.5, 0])
        #expect(probabilities([.nan, -.infinity]) == [0, 0])
        #expect(probabilities([]) == [])
    }
}
