import Foundation
import Testing
@testable import Engine

/// Random init: reproducible from the seed alone, and distributed as specified. Statistical
/// tolerances are five standard errors of the estimate for the sample size, so a correct
/// generator fails with probability < 1e-6 (and a fixed seed makes the outcome fixed anyway).
@Suite struct RandomInitTests {
    static let sampleCount = 1 << 20

    @Test func sameSeedAndStreamGiveTheSameValuesAndOthersDiffer() {
        let a = filled(.truncatedNormal(stddev: 0.1), count: 1000, seed: 7, stream: "w1")
        #expect(a == filled(.truncatedNormal(stddev: 0.1), count: 1000, seed: 7, stream: "w1"))
        #expect(a != filled(.truncatedNormal(stddev: 0.1), count: 1000, seed: 8, stream: "w1"))
        #expect(a != filled(.truncatedNormal(stddev: 0.1), count: 1000, seed: 7, stream: "w2"))
    }

    /// Each value depends on its index only, not on the tensor's size or how it was split among
    /// threads: a long tensor (many parallel chunks) starts with the short one's values.
    @Test func valuesDependOnlyOnTheirIndex() {
        let long = filled(.uniform(bound: 1), count: 300_007, seed: 3, stream: "x")
        let short = filled(.uniform(bound: 1), count: 37, seed: 3, stream: "x")
        #expect(Array(long.prefix(37)) == short)
    }

    /// Pinned bit patterns: any change to the generator changes every user's `--seed N` weights,
    /// which must stay the same across machines, builds and versions.
    @Test(arguments: KernelVariant.supported)
    func firstValuesArePinned(variant: KernelVariant) {
        let values = filled(.truncatedNormal(stddev: 0.1), count: 4, seed: 0, stream: "w1", kernels: variant)
        #expect(values.map(\.bitPattern) == [0xBC8D_915B, 0xBE33_5B44, 0x3D9B_55B0, 0xBD6C_5A7D], "\(values)")
    }

    /// Every kernel variant draws the same bits (the generic one without the FMA instruction
    /// emulates its single rounding), for both distributions.
    @Test(arguments: KernelVariant.supported)
    func everyVariantDrawsTheSameBits(variant: KernelVariant) {
        for initializer in [Initializer.truncatedNormal(stddev: 0.1), .uniform(bound: 0.3)] {
            let reference = filled(initializer, count: 200_003, seed: 5, stream: "features.3.weight", kernels: .generic)
            let values = filled(initializer, count: 200_003, seed: 5, stream: "features.3.weight", kernels: variant)
            #expect(values.map(\.bitPattern) == reference.map(\.bitPattern), "\(initializer) \(variant)")
        }
    }

    @Test func constantFillsEveryValue() {
        #expect(filled(.constant(1), count: 33, seed: 0, stream: "b2") == Array(repeating: 1, count: 33))
    }

    @Test func truncatedNormalHasTheSpecifiedMeanStdAndBound() {
        let sigma = 0.1
        let values = filled(.truncatedNormal(stddev: Float(sigma)), count: Self.sampleCount, seed: 0, stream: "w6")
        // Moments of a standard normal truncated at ±2: Z = P(|z| < 2), m2 = E[z²], m4 = E[z⁴].
        let a = 2.0, density = exp(-a * a / 2) / (2 * Double.pi).squareRoot(), mass = erf(a / 2.0.squareRoot())
        let m2 = 1 - 2 * a * density / mass
        let m4 = 3 * m2 - 2 * a * a * a * density / mass
        let stats = moments(values)
        let n = Double(values.count)
        #expect(abs(stats.mean) < 5 * sigma * m2.squareRoot() / n.squareRoot())
        // Standard error of a sample std: sqrt(Var(s²)) / (2 s), Var(s²) ≈ (μ4 − μ2²) / n.
        let expectedStd = sigma * m2.squareRoot()
        let stdError = sigma * sigma * ((m4 - m2 * m2) / n).squareRoot() / (2 * expectedStd)
        #expect(abs(stats.std - expectedStd) < 5 * stdError, "std \(stats.std), expected \(expectedStd)")
        #expect(stats.maxAbs <= 2 * sigma * (1 + 1e-6))
        // The bound is reached: with 2^20 samples some fall within 0.5 % of it.
        #expect(stats.maxAbs > 1.99 * sigma)
        let cdf = { (x: Double) in (erf(x / sigma / 2.0.squareRoot()) + mass) / (2 * mass) }
        #expect(kolmogorovSmirnov(values, cdf: cdf) < 1.95 / n.squareRoot())
    }

    @Test func uniformHasTheSpecifiedMeanStdAndBound() {
        let bound = 1 / Double(363).squareRoot()  // conv1 of alexnet: fan_in 3·11·11
        let values = filled(.uniform(bound: Float(bound)), count: Self.sampleCount, seed: 0, stream: "features.0.weight")
        let stats = moments(values)
        let n = Double(values.count)
        let expectedStd = bound / 3.0.squareRoot()
        #expect(abs(stats.mean) < 5 * expectedStd / n.squareRoot())
        // Uniform: μ4 = b⁴/5, σ² = b²/3.
        let stdError = (pow(bound, 4) / 5 - pow(bound, 4) / 9).squareRoot() / n.squareRoot() / (2 * expectedStd)
        #expect(abs(stats.std - expectedStd) < 5 * stdError)
        #expect(stats.maxAbs <= bound)
        #expect(stats.maxAbs > bound * (1 - 1e-4))
        #expect(kolmogorovSmirnov(values, cdf: { min(max(($0 + bound) / (2 * bound), 0), 1) }) < 1.95 / n.squareRoot())
    }

    @Test(arguments: KernelVariant.supported)
    func vectorLogarithmMatchesLibm(variant: KernelVariant) {
        let naturalLog = variant.kernels.naturalLog
        var worst = 0.0
        for start in stride(from: 0, to: 4096, by: 16) {
            let x = SIMD16<Float>((0..<16).map { Float(0.001) + Float(start + $0) * 0.0123 })
            let result = naturalLog(x)
            for lane in 0..<16 {
                worst = max(worst, abs(Double(result[lane]) - Foundation.log(Double(x[lane]))) / max(abs(Foundation.log(Double(x[lane]))), 1e-3))
            }
        }
        #expect(worst < 1e-6, "worst relative error \(worst)")
    }

    @Test(arguments: KernelVariant.supported)
    func inverseErrorFunctionInvertsErf(variant: KernelVariant) {
        let erfinv = variant.kernels.erfinv
        var worst = 0.0
        for start in stride(from: 0, to: 1920, by: 16) {
            let x = SIMD16<Float>((0..<16).map { -0.9545 + Float(start + $0) * 0.000_497 })
            let z = erfinv(x)
            for lane in 0..<16 { worst = max(worst, abs(erf(Double(z[lane])) - Double(x[lane]))) }
        }
        #expect(worst < 1e-6, "worst |erf(erfinv(x)) - x| \(worst)")
    }

    // MARK: helpers

    private func filled(_ initializer: Initializer, count: Int, seed: UInt64, stream: String,
                        kernels: KernelVariant = .selected) -> [Float] {
        let tensor = Tensor(zeros: Shape(count))
        initializer.fill(tensor, seed: seed, stream: stream, kernels: kernels.kernels)
        return tensor.toArray()
    }

    private func moments(_ values: [Float]) -> (mean: Double, std: Double, maxAbs: Double) {
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count)
        return (mean, variance.squareRoot(), values.reduce(0.0) { max($0, abs(Double($1))) })
    }

    /// Largest gap between the sample's empirical CDF and `cdf`.
    private func kolmogorovSmirnov(_ values: [Float], cdf: (Double) -> Double) -> Double {
        let sorted = values.sorted()
        let n = Double(sorted.count)
        var worst = 0.0
        for (index, value) in sorted.enumerated() {
            let expected = cdf(Double(value))
            worst = max(worst, abs(Double(index + 1) / n - expected), abs(Double(index) / n - expected))
        }
        return worst
    }
}
