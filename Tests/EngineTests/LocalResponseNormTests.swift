import Testing
import Engine
import TestSupport

struct LocalResponseNormTests {
    private let pixel = Tensor(shape: Shape(1, 1, 3), values: [1, 2, 3])

    @Test func tensorFlowConventionByHand() throws {
        // r = 1: windows {0,1}, {0,1,2}, {1,2}; y = x / (1 + sum of squares).
        let lrn = LocalResponseNorm(name: "norm", convention: .tensorFlow(depthRadius: 1, bias: 1, alpha: 1, beta: 1))
        expectClose(try runLayer(lrn, on: pixel), [1.0 / 6, 2.0 / 15, 3.0 / 14], relativeTolerance: 1e-6)
    }

    @Test func pyTorchConventionWithAnEvenSizeLooksOneChannelFurtherBack() throws {
        // size 2: window c-1 ... c (PyTorch pads size/2 before, (size-1)/2 after); alpha / size = 1.
        let lrn = LocalResponseNorm(name: "norm", convention: .caffe(size: 2, k: 1, alpha: 2, beta: 1))
        expectClose(try runLayer(lrn, on: pixel), [1.0 / 2, 2.0 / 6, 3.0 / 14], relativeTolerance: 1e-6)
    }

    @Test(arguments: [(5, Float(1), Float(1), Float(0.5)), (2, 2, 1e-4, 0.75), (3, 1, 0.5, 1), (4, 1.5, 0.1, 0.6)])
    func tensorFlowMatchesTheReference(radius: Int, bias: Float, alpha: Float, beta: Float) throws {
        let input = randomTensor(Shape(5, 4, 37), seed: 51, in: -3...3)
        let expected = Reference.lrnTensorFlow(input, depthRadius: radius, bias: Double(bias), alpha: Double(alpha),
                                               beta: Double(beta))
        for variant in KernelVariant.supported {
            let lrn = LocalResponseNorm(name: "n", convention: .tensorFlow(depthRadius: radius, bias: bias, alpha: alpha,
                                                                           beta: beta), kernels: variant)
            expectClose(try runLayer(lrn, on: input), expected, relativeTolerance: 2e-6, "\(variant)")
        }
    }

    @Test(arguments: [(5, Float(2), Float(1e-4), Float(0.75)), (4, 1, 0.5, 0.75), (1, 1, 1, 0.5), (6, 2, 3, 0.6)])
    func caffeMatchesThePyTorchReference(size: Int, k: Float, alpha: Float, beta: Float) throws {
        let input = randomTensor(Shape(3, 5, 48), seed: 52, in: -3...3)
        let expected = Reference.lrnPyTorch(input, size: size, k: Double(k), alpha: Double(alpha), beta: Double(beta))
        for variant in KernelVariant.supported {
            let lrn = LocalResponseNorm(name: "n", convention: .caffe(size: size, k: k, alpha: alpha, beta: beta),
                                        kernels: variant)
            expectClose(try runLayer(lrn, on: input), expected, relativeTolerance: 2e-6, "\(variant)")
        }
    }

    @Test func aLargeMapSplitAcrossTheCoresMatchesTheReference() throws {
        let input = randomTensor(Shape(40, 41, 67), seed: 53, in: -3...3)
        let expected = Reference.lrnTensorFlow(input, depthRadius: 5, bias: 1, alpha: 1, beta: 0.5)
        for variant in KernelVariant.supported {
            let lrn = LocalResponseNorm(name: "n", convention: .tensorFlow(depthRadius: 5, bias: 1, alpha: 1, beta: 0.5),
                                        kernels: variant)
            expectClose(try runLayer(lrn, on: input), expected, relativeTolerance: 2e-6, "\(variant)")
        }
    }

    @Test func summariesNameTheConvention() {
        let tf = LocalResponseNorm(name: "norm1", convention: .tensorFlow(depthRadius: 5, bias: 1, alpha: 1, beta: 0.5))
        #expect(tf.summary == "LRN r=5 bias=1 alpha=1 beta=0.5 (TF)")
        #expect(tf.multiplyAdds(for: Shape(2, 2, 3)) == 12 * 11)
        let caffe = LocalResponseNorm(name: "norm1", convention: .caffe(size: 5, k: 2, alpha: 1e-4, beta: 0.75))
        #expect(caffe.summary == "LRN size=5 k=2 alpha=0.0001 beta=0.75 (Caffe/PyTorch)")
    }
}
