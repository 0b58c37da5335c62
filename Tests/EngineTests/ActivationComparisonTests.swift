import Testing
import Engine

/// Cosine similarity and relative L2 distance on hand-worked vectors.
@Suite struct ActivationComparisonTests {
    private func compare(_ a: [Float], _ b: [Float]) -> ActivationComparison {
        ActivationComparison(Tensor(shape: Shape(a.count), values: a), Tensor(shape: Shape(b.count), values: b))
    }

    @Test func handWorkedPairs() {
        // B = 2A: same direction; ‖A − B‖ = ‖A‖ = 3.
        #expect(compare([1, 2, 2], [2, 4, 4]) == ActivationComparison(cosineSimilarity: 1, relativeDistance: 1))
        // Orthogonal: similarity 0, ‖(1, -1)‖ / 1 = sqrt 2.
        #expect(compare([1, 0], [0, 1]) == ActivationComparison(cosineSimilarity: 0, relativeDistance: 2.0.squareRoot()))
        // Opposite: -1, ‖(6, 8)‖ / 5 = 2.
        #expect(compare([3, 4], [-3, -4]) == ActivationComparison(cosineSimilarity: -1, relativeDistance: 2))
        // (1, 2)·(2, 1) = 4, norms sqrt 5: 0.8; ‖(-1, 1)‖ / sqrt 5.
        let skew = compare([1, 2], [2, 1])
        #expect(abs(skew.cosineSimilarity - 0.8) < 1e-15)
        #expect(abs(skew.relativeDistance - (2.0 / 5).squareRoot()) < 1e-15)
    }

    @Test func zerosAndNonFiniteValues() {
        #expect(compare([0, 0], [0, 0]) == ActivationComparison(cosineSimilarity: 1, relativeDistance: 0))
        #expect(compare([0, 0], [1, 0]) == ActivationComparison(cosineSimilarity: 0, relativeDistance: .infinity))
        #expect(compare([1, 0], [0, 0]) == ActivationComparison(cosineSimilarity: 0, relativeDistance: 1))
        let broken = compare([1, .nan], [1, 2])
        #expect(broken.cosineSimilarity.isNaN && broken.relativeDistance.isNaN)
    }

    /// ‖B‖² = 2^24 + 1 is not a float32 (a float32 sum stays at 2^24 and gives similarity 1);
    /// float64 keeps it.
    @Test func accumulatesInDoublePrecision() {
        let count = 1 << 24
        var a = [Float](repeating: 1, count: count + 1), b = a
        a[count] = 0
        b[count] = 1
        let result = compare(a, b)
        // ‖A − B‖ = 1, ‖A‖ = 2^12: distance 2^-12 exactly.
        #expect(result.relativeDistance == 1.0 / 4096)
        let expected = Double(count) / (Double(count).squareRoot() * Double(count + 1).squareRoot())
        #expect(abs(result.cosineSimilarity - expected) < 1e-15)
    }
}
