import Testing
@testable import Engine
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

struct ActivationTests {
    @Test func vectorisedTanhIsWithinAMillionthOfLibm() {
        // Dense near 0 (where relative error is hardest), then out to where tanh saturates.
        let nearZero: [Float] = (0..<20_000).map { Float($0 - 10_000) * 1e-5 }
        let wide: [Float] = (0..<20_000).map { Float($0 - 10_000) * 1e-3 }
        let special: [Float] = [1e-30, -1e-30, 0, 0.0004, -0.0004, 8, -8, 20, -20, 1e30, -.infinity, .infinity]
        let inputs = nearZero + wide + special
        for variant in KernelVariant.supported {
            var actual = inputs
            actual.withUnsafeMutableBufferPointer { variant.kernels.activate(.tanh, $0.baseAddress!, $0.count) }
            for (x, y) in zip(inputs, actual) {
                expectClose(y, Glibc.tanh(Double(x)), relativeTolerance: 1e-6, "tanh(\(x)) \(variant)")
            }
        }
    }

    @Test(arguments: KernelVariant.supported)
    func reluZeroesNegativesAndKeepsNaN(variant: KernelVariant) {
        let kernels = variant.kernels
        var values: [Float] = [-2, -0.0, 0, 3, .nan, -.infinity, .infinity] + Array(repeating: -1, count: 17)
        values.withUnsafeMutableBufferPointer { kernels.activate(.relu, $0.baseAddress!, $0.count) }
        #expect(Array(values[0..<4]) == [0, -0.0, 0, 3])
        #expect(values[4].isNaN == true)
        #expect(Array(values[5...]) == [0, .infinity] + Array(repeating: 0, count: 17))
        var nan: [Float] = Array(repeating: .nan, count: 16)
        nan.withUnsafeMutableBufferPointer { kernels.activate(.tanh, $0.baseAddress!, 16) }
        #expect(nan.allSatisfy { $0.isNaN })
    }
}
