import Testing
import Engine
import TestSupport

/// Values before the activation, computed on demand from a layer's twin without activation.
@Suite struct PreActivationTests {
    /// Dense y = W x + b with W = [[1, -2], [3, 4]] (input-major [in, out]), x = (1, 1), b = (0, -10):
    /// before tanh (1 + 3, -2 + 4 - 10) = (4, -8).
    @Test func denseBeforeTanh() throws {
        let dense = try Dense(name: "d", weights: Tensor(shape: Shape(2, 2), values: [1, -2, 3, 4]), layout: .inputMajor,
                              bias: Tensor(shape: Shape(2), values: [0, -10]), activation: .tanh)
        let pre = try #require(try PreActivation.compute(dense, input: Tensor(shape: Shape(2), values: [1, 1])))
        #expect(pre.toArray() == [4, -8])
        #expect(PreActivation.activation(of: dense) == .tanh)
    }

    @Test func layersWithoutActivationHaveNone() throws {
        let dense = try Dense(name: "d", weights: Tensor(zeros: Shape(2, 2)), layout: .inputMajor,
                              bias: Tensor(zeros: Shape(2)), activation: .identity)
        #expect(try PreActivation.compute(dense, input: Tensor(zeros: Shape(2))) == nil)
        let pool = MaxPool2D(name: "p", kernel: 2, stride: 2, padding: .valid)
        #expect(try PreActivation.compute(pool, input: Tensor(zeros: Shape(2, 2, 1))) == nil)
        #expect(PreActivation.activation(of: pool) == nil)
    }
}
