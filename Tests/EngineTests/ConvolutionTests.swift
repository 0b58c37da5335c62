import Testing
@testable import Engine
import TestSupport

struct ConvolutionTests {
    /// A 2x2 box filter: each output is the sum of its window, so the padding placement shows.
    private func boxFilter(channels: Int = 1) throws -> (weights: Tensor, bias: Tensor) {
        (Tensor(shape: Shape(2, 2, channels, 1), values: Array(repeating: 1, count: 4 * channels)),
         Tensor(zeros: Shape(1)))
    }

    @Test func sameWithOddTotalPaddingPutsTheExtraRowAndColumnAtBottomRight() throws {
        let (weights, bias) = try boxFilter()
        let conv = try Conv2D(name: "c", weights: weights, bias: bias, stride: 1, padding: .same, activation: .identity)
        let output = try runLayer(conv, on: arangeTensor(Shape(4, 4, 1)))
        #expect(output.shape == Shape(4, 4, 1))
        #expect(output.toArray() == [10, 14, 18, 10,
                                     26, 30, 34, 18,
                                     42, 46, 50, 26,
                                     25, 27, 29, 15])
    }

    @Test func stridedSameConvolutionOfFourByFourWithThreeByThree() throws {
        let conv = try Conv2D(name: "c", weights: Tensor(shape: Shape(3, 3, 1, 1), values: Array(repeating: 1, count: 9)),
                              bias: Tensor(shape: Shape(1), values: [0.5]), stride: 2, padding: .same, activation: .identity)
        let output = try runLayer(conv, on: arangeTensor(Shape(4, 4, 1)))
        // ceil(4 / 2) = 2 outputs; total padding 1, all of it after: windows start at 0 and 2.
        #expect(output.toArray() == [45.5, 39.5, 66.5, 50.5])
    }

    @Test func validAndExplicitPaddingGiveTheExpectedSizes() throws {
        let (weights, bias) = try boxFilter()
        let valid = try Conv2D(name: "v", weights: weights, bias: bias, stride: 1, padding: .valid, activation: .identity)
        #expect(try valid.outputShape(for: Shape(4, 4, 1)) == Shape(3, 3, 1))
        let padded = try Conv2D(name: "p", weights: weights, bias: bias, stride: 1,
                                padding: .explicit(top: 1, left: 0, bottom: 0, right: 2), activation: .identity)
        let output = try runLayer(padded, on: arangeTensor(Shape(4, 4, 1)))
        #expect(output.shape == Shape(4, 5, 1))
        // Row 0 sees the top padding and image row 0; column 4 sees only padding on its right.
        #expect(Array(output.toArray()[0..<5]) == [1, 3, 5, 3, 0])
    }

    /// Sizes chosen so that rows (OH*OW), columns (out / groups) and depth (kh*kw*in / groups) are
    /// not multiples of the kernel's tiles, and some depths exceed one depth block; small maps
    /// (split by columns too) and a large one (chunks of whole rows over several panels). The 3x3
    /// and 5x5 stride-1 cases without groups go through Winograd's transforms: odd and even output
    /// sizes, channel counts that are not multiples of 16, SAME, VALID and uneven explicit padding;
    /// those with stride 2-4 whose filters split into 3x3 phases through space-to-depth.
    @Test(arguments: [
        (h: 9, w: 11, c: 3, k: 5, out: 7, stride: 2, padding: Padding.same, groups: 1, activation: Activation.relu),
        (h: 13, w: 13, c: 40, k: 3, out: 37, stride: 1, padding: .same, groups: 1, activation: .identity),
        (h: 12, w: 10, c: 6, k: 3, out: 10, stride: 1, padding: .valid, groups: 2, activation: .tanh),
        (h: 8, w: 8, c: 12, k: 4, out: 33, stride: 3, padding: .explicit(top: 2, left: 1, bottom: 0, right: 3), groups: 3, activation: .relu),
        (h: 7, w: 9, c: 33, k: 1, out: 65, stride: 1, padding: .valid, groups: 1, activation: .identity),
        (h: 6, w: 5, c: 10, k: 1, out: 6, stride: 1, padding: .valid, groups: 2, activation: .relu),
        (h: 23, w: 23, c: 3, k: 11, out: 16, stride: 4, padding: .same, groups: 1, activation: .relu),
        (h: 10, w: 10, c: 8, k: 5, out: 32, stride: 1, padding: .explicit(top: 2, left: 2, bottom: 2, right: 2), groups: 1, activation: .relu),
        (h: 47, w: 45, c: 3, k: 3, out: 70, stride: 1, padding: .same, groups: 1, activation: .relu),
        (h: 15, w: 12, c: 5, k: 3, out: 40, stride: 2, padding: .valid, groups: 1, activation: .tanh),
        (h: 9, w: 10, c: 4, k: 4, out: 36, stride: 3, padding: .explicit(top: 2, left: 1, bottom: 0, right: 3), groups: 1, activation: .identity),
        (h: 12, w: 9, c: 17, k: 3, out: 20, stride: 1, padding: .valid, groups: 1, activation: .tanh),
        (h: 6, w: 7, c: 16, k: 3, out: 16, stride: 1, padding: .explicit(top: 1, left: 0, bottom: 2, right: 1), groups: 1, activation: .relu),
        (h: 14, w: 14, c: 64, k: 3, out: 96, stride: 1, padding: .same, groups: 1, activation: .relu),
        (h: 27, w: 27, c: 20, k: 5, out: 40, stride: 1, padding: .same, groups: 1, activation: .relu),
        (h: 9, w: 8, c: 3, k: 5, out: 17, stride: 1, padding: .valid, groups: 1, activation: .tanh),
        (h: 6, w: 7, c: 16, k: 5, out: 16, stride: 1, padding: .explicit(top: 2, left: 0, bottom: 1, right: 3), groups: 1, activation: .identity),
        // Two output rows and columns on each side whose windows reach into the padding.
        (h: 17, w: 19, c: 3, k: 7, out: 20, stride: 2, padding: .explicit(top: 3, left: 3, bottom: 3, right: 3), groups: 1, activation: .relu),
        // Padding on one side only; and a map narrower than a window plus its stride.
        (h: 13, w: 16, c: 5, k: 4, out: 18, stride: 3, padding: .explicit(top: 0, left: 2, bottom: 3, right: 0), groups: 1, activation: .identity),
        (h: 4, w: 4, c: 2, k: 3, out: 5, stride: 2, padding: .explicit(top: 2, left: 2, bottom: 2, right: 2), groups: 1, activation: .relu),
        // Space-to-depth and F(4x4, 3x3): conv1's geometry on maps whose outputs (15x15, 13x16)
        // end in partial tiles, alexnet's padding and TensorFlow's uneven SAME; 5x5 stride 2
        // (4 phases, 68 channels) and 9x9 stride 3 (every phase tap a filter tap).
        (h: 61, w: 63, c: 3, k: 11, out: 24, stride: 4, padding: .explicit(top: 2, left: 2, bottom: 2, right: 2), groups: 1, activation: .relu),
        (h: 50, w: 61, c: 5, k: 11, out: 40, stride: 4, padding: .same, groups: 1, activation: .identity),
        (h: 21, w: 18, c: 17, k: 5, out: 33, stride: 2, padding: .explicit(top: 1, left: 2, bottom: 0, right: 1), groups: 1, activation: .tanh),
        (h: 20, w: 23, c: 4, k: 9, out: 16, stride: 3, padding: .valid, groups: 1, activation: .relu),
    ])
    func matchesTheFloat64Reference(h: Int, w: Int, c: Int, k: Int, out: Int, stride: Int, padding: Padding,
                                    groups: Int, activation: Activation) throws {
        let input = randomTensor(Shape(h, w, c), seed: 1)
        let weights = randomTensor(Shape(k, k, c / groups, out), seed: 2, in: -0.5...0.5)
        let bias = randomTensor(Shape(out), seed: 3)
        let expected = Reference.conv2D(input, weights: weights, bias: bias, stride: stride, padding: padding,
                                        groups: groups, activation: activation)
        // F(2x2, 5x5)'s and F(4x4, 3x3)'s transforms cost accuracy: up to 1.4e-5 and 2.6e-5 here,
        // where the others stay within 1e-5.
        let winogradOfSixPoints = groups == 1 && (k == 5 && stride == 1
                                                  || SpaceToDepthPlan.applies(kernelSize: k, stride: stride, groups: 1))
        let tolerance = winogradOfSixPoints ? 3e-5 : 1e-5
        for variant in KernelVariant.supported {
            let conv = try Conv2D(name: "c", weights: weights, bias: bias, stride: stride, padding: padding,
                                  groups: groups, activation: activation, kernels: variant)
            let output = try runLayer(conv, on: input)
            #expect(output.shape == expected.shape)
            expectClose(output, expected.values, relativeTolerance: tolerance, "\(variant)")
        }
    }

    @Test func multiplyAddsCountEveryTapOfEveryFilter() throws {
        let conv = try Conv2D(name: "conv1", weights: Tensor(zeros: Shape(11, 11, 3, 96)), bias: Tensor(zeros: Shape(96)),
                              stride: 4, padding: .same, activation: .relu)
        #expect(try conv.outputShape(for: Shape(224, 224, 3)) == Shape(56, 56, 96))
        #expect(conv.multiplyAdds(for: Shape(224, 224, 3)) == 56 * 56 * 96 * 11 * 11 * 3)
        let grouped = try Conv2D(name: "g", weights: Tensor(zeros: Shape(3, 3, 4, 6)), bias: Tensor(zeros: Shape(6)),
                                 stride: 1, padding: .same, groups: 2, activation: .identity)
        #expect(grouped.multiplyAdds(for: Shape(5, 5, 8)) == 5 * 5 * 6 * 3 * 3 * 4)
        #expect(grouped.parameterCount == 3 * 3 * 4 * 6 + 6)
    }

    @Test func summaryReadsLikeThePaper() throws {
        let conv = try Conv2D(name: "conv1", weights: Tensor(zeros: Shape(11, 11, 3, 96)), bias: Tensor(zeros: Shape(96)),
                              stride: 4, padding: .same, activation: .relu)
        #expect(conv.summary == "conv 11x11/4 SAME, 96 filters, ReLU")
        let alex = try Conv2D(name: "conv2", weights: Tensor(zeros: Shape(5, 5, 32, 192)), bias: Tensor(zeros: Shape(192)),
                              stride: 1, padding: .explicit(top: 2, left: 2, bottom: 2, right: 2), groups: 2, activation: .identity)
        #expect(alex.summary == "conv 5x5/1 pad 2, 192 filters, 2 groups")
    }

    @Test func mismatchedShapesAreErrorsNamingTheLayer() throws {
        #expect(throws: ShapeError.self) {
            try Conv2D(name: "c", weights: Tensor(zeros: Shape(3, 3, 2, 4)), bias: Tensor(zeros: Shape(5)),
                       stride: 1, padding: .same, activation: .relu)
        }
        #expect(throws: ShapeError.self) {
            try Conv2D(name: "c", weights: Tensor(zeros: Shape(3, 3, 2, 5)), bias: Tensor(zeros: Shape(5)),
                       stride: 1, padding: .same, groups: 2, activation: .relu)
        }
        let conv = try Conv2D(name: "conv3", weights: Tensor(zeros: Shape(3, 3, 2, 4)), bias: Tensor(zeros: Shape(4)),
                              stride: 1, padding: .valid, activation: .relu)
        #expect(throws: ShapeError(layer: "conv3", "input has 3 channels, weights expect 2")) {
            try conv.outputShape(for: Shape(5, 5, 3))
        }
        #expect(throws: ShapeError.self) { try conv.outputShape(for: Shape(2, 5, 2)) }
    }
}
