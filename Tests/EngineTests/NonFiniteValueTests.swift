import Testing
import Engine
import TestSupport

/// NaN and infinities (from a weights file; an image cannot hold them) flow through the layers as
/// IEEE arithmetic says, and the statistics count them apart from the finite values.
struct NonFiniteValueTests {
    /// Hand-worked: finite values 1, 3, 0 (mean 4/3, population variance 14/9); three non-finite.
    @Test func statisticsCountNonFiniteValuesAndLeaveThemOutOfTheRest() {
        let values: [Float] = [1, .nan, -.infinity, 3, 0, .infinity]
        let stats = values.withUnsafeBufferPointer { ActivationStats($0) }
        #expect(stats.count == 6)
        #expect(stats.nonFinite == 3)
        #expect(stats.min == 0 && stats.max == 3)
        #expect(abs(stats.mean - 4.0 / 3) <= 1e-12)
        #expect(abs(stats.std - (14.0 / 9).squareRoot()) <= 1e-12)
        #expect(stats.zeros == 1.0 / 6)
    }

    /// Nothing finite to summarise: the statistics are NaN (absent), not an invented 0; none of
    /// the values is zero, so that share stays 0.
    @Test func allNonFiniteLeavesNoStatisticsButTheCount() {
        let values: [Float] = [.nan, .nan, .infinity]
        let stats = values.withUnsafeBufferPointer { ActivationStats($0) }
        #expect(stats.count == 3 && stats.nonFinite == 3)
        #expect(stats.min.isNaN && stats.max.isNaN && stats.mean.isNaN && stats.std.isNaN, "\(stats)")
        #expect(stats.zeros == 0)
    }

    @Test func stridedViewCountsOnlyItsChannel() {
        // [1, 2, 2] feature map: channel 1 holds the NaN.
        let values: [Float] = [5, .nan, 7, 1]
        let channel1 = values.withUnsafeBufferPointer { ActivationStats(UnsafeBufferPointer(rebasing: $0[1...]), stride: 2) }
        #expect(channel1.count == 2 && channel1.nonFinite == 1 && channel1.min == 1 && channel1.max == 1)
    }

    /// A NaN weight poisons exactly the output it feeds; an infinite input times a zero weight is NaN.
    @Test func denseCarriesNaNAndInfinityToTheOutputsTheyReach() throws {
        // inputMajor [in 3, out 4].
        var w: [Float] = [1, 0, 0, 1,
                          0, 1, 0, -1,
                          0, 0, 1, 0]
        w[1 * 4 + 2] = .nan            // input 1 -> output 2
        let weights = Tensor(shape: Shape(3, 4), values: w)
        let bias = Tensor(zeros: Shape(4))
        let dense = try Dense(name: "fc", weights: weights, layout: .inputMajor, bias: bias, activation: .identity)
        let finite = try runLayer(dense, on: Tensor(shape: Shape(3), values: [1, 2, 3])).toArray()
        #expect(finite[0] == 1 && finite[1] == 2 && finite[2].isNaN && finite[3] == -1)
        // Output 0 = inf * 1; output 1 = inf * 0 = NaN; output 2 meets the NaN weight;
        // output 3 = inf * 1 + 1 * -1 = inf.
        let infinite = try runLayer(dense, on: Tensor(shape: Shape(3), values: [.infinity, 1, 0]))
        let values = infinite.toArray()
        #expect(values[0] == .infinity && values[1].isNaN && values[2].isNaN && values[3] == .infinity)
        #expect(ActivationStats(infinite).nonFinite == 4)
    }
}
