import Testing
@testable import Explorer

@Suite struct HistogramTests {
    func histogram(_ values: [Float], bins: Int, low: Double, high: Double) -> Histogram {
        values.withUnsafeBufferPointer { Histogram($0, bins: bins, low: low, high: high) }
    }

    @Test func valuesFallInEqualWidthBinsWithTheTopEdgeInTheLast() {
        let h = histogram([0, 0.5, 1, 1.5, 2, 0.49, .nan, .infinity], bins: 4, low: 0, high: 2)
        // Bins [0, .5) [.5, 1) [1, 1.5) [1.5, 2]
        #expect(h.counts == [2, 1, 1, 2])
        #expect(h.nonFinite == 2)
    }

    @Test func constantValuesFillTheFirstBin() {
        #expect(histogram([3, 3, 3], bins: 2, low: 3, high: 3).counts == [3, 0])
    }

    @Test func barsAreLogScaledInEighths() {
        var buffer = ScreenBuffer(width: 3, height: 2)
        let h = Histogram(counts: [0, 1, 7])
        HistogramRenderer(theme: Theme(mode: .trueColor)).draw(h, into: &buffer, in: Rect(x: 0, y: 0, width: 3, height: 2))
        // log(1+1) / log(1+7) = 1/3 of 8 eighths -> 3 (▃); the peak fills the cell.
        #expect(buffer.lines[0] == " ▃█")
    }
}

extension Histogram {
    /// A histogram with given counts over [0, 1], for renderer tests.
    init(counts: [Int]) {
        let values = counts.enumerated().flatMap { bin, count in
            Array(repeating: Float((Double(bin) + 0.5) / Double(counts.count)), count: count)
        }
        self = values.withUnsafeBufferPointer { Histogram($0, bins: counts.count, low: 0, high: 1) }
    }
}
