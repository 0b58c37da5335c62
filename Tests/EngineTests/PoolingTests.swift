import Testing
import Engine
import TestSupport

struct PoolingTests {
    @Test func twoByTwoMaxPoolOfFourByFourArangeGivesThreeByThree() throws {
        let pool = MaxPool2D(name: "pool", kernel: 2, stride: 1, padding: .valid)
        let output = try runLayer(pool, on: arangeTensor(Shape(4, 4, 1)))
        #expect(output.shape == Shape(3, 3, 1))
        #expect(output.toArray() == [5, 6, 7, 9, 10, 11, 13, 14, 15])
    }

    @Test func stridedSamePoolOfFourByFour() throws {
        let pool = MaxPool2D(name: "pool", kernel: 3, stride: 2, padding: .same)
        let output = try runLayer(pool, on: arangeTensor(Shape(4, 4, 1)))
        #expect(output.toArray() == [10, 11, 14, 15])
    }

    @Test func aPaddedCellNeverWins() throws {
        let input = Tensor(shape: Shape(3, 3, 1), values: (1...9).map { -Float($0) })
        let output = try runLayer(MaxPool2D(name: "pool", kernel: 3, stride: 2, padding: .same), on: input)
        // SAME 3x3/2 on 3x3 pads one on every side: windows cover rows and columns -1...1 and 1...3,
        // so every window overlaps the padding, and a zero from it would win all four.
        #expect(output.toArray() == [-1, -2, -4, -5])
    }

    @Test(arguments: [
        (h: 9, w: 7, c: 37, k: 3, stride: 2, padding: Padding.same),
        (h: 56, w: 56, c: 96, k: 3, stride: 2, padding: .same),
        (h: 96, w: 95, c: 40, k: 3, stride: 1, padding: .same),  // large enough for both cores
        (h: 13, w: 13, c: 20, k: 3, stride: 2, padding: .valid),
        (h: 6, w: 5, c: 17, k: 2, stride: 2, padding: .explicit(top: 1, left: 0, bottom: 1, right: 1)),
        // 85 = 64 + 16 + 5: four vectors at a time, one, and single floats (16-float vectors).
        (h: 7, w: 8, c: 85, k: 3, stride: 2, padding: .valid),
    ])
    func maxPoolMatchesTheReference(h: Int, w: Int, c: Int, k: Int, stride: Int, padding: Padding) throws {
        let input = randomTensor(Shape(h, w, c), seed: 31)
        let expected = Reference.maxPool(input, kernel: k, stride: stride, padding: padding)
        for variant in KernelVariant.supported {
            let output = try runLayer(MaxPool2D(name: "p", kernel: k, stride: stride, padding: padding, kernels: variant),
                                      on: input)
            #expect(output.shape == expected.shape)
            #expect(output.doubles == expected.values, "\(variant)")
        }
    }

    @Test func maxPoolSummaryCostAndBadPadding() throws {
        let pool = MaxPool2D(name: "pool1", kernel: 3, stride: 2, padding: .same)
        #expect(pool.summary == "maxpool 3x3/2 SAME")
        #expect(try pool.outputShape(for: Shape(56, 56, 96)) == Shape(28, 28, 96))
        #expect(pool.multiplyAdds(for: Shape(56, 56, 96)) == 28 * 28 * 96 * 9)
        #expect(throws: ShapeError.self) {
            try MaxPool2D(name: "p", kernel: 2, stride: 1, padding: .explicit(top: 2, left: 0, bottom: 0, right: 0))
                .outputShape(for: Shape(4, 4, 1))
        }
        #expect(throws: ShapeError.self) { try pool.outputShape(for: Shape(10)) }
    }

    @Test func adaptiveAveragePoolWindowsOverlapLikePyTorch() throws {
        // 3 rows to 2: windows [0, 2) and [1, 3) share row 1.
        let input = Tensor(shape: Shape(3, 1, 1), values: [1, 2, 4])
        let output = try runLayer(AdaptiveAvgPool2D(name: "avgpool", outputHeight: 2, outputWidth: 1), on: input)
        #expect(output.toArray() == [1.5, 3])
    }

    @Test(arguments: [(5, 7, 3, 4), (6, 6, 6, 6), (13, 13, 6, 6), (2, 3, 5, 4), (1, 1, 6, 6)])
    func adaptiveAveragePoolMatchesTheReference(h: Int, w: Int, oh: Int, ow: Int) throws {
        let input = randomTensor(Shape(h, w, 21), seed: 41)
        for variant in KernelVariant.supported {
            let pool = AdaptiveAvgPool2D(name: "avgpool", outputHeight: oh, outputWidth: ow, kernels: variant)
            let output = try runLayer(pool, on: input)
            #expect(output.shape == Shape(oh, ow, 21))
            expectClose(output, Reference.adaptiveAveragePool(input, outputHeight: oh, outputWidth: ow),
                        relativeTolerance: 1e-6, "\(variant)")
        }
    }

    @Test func adaptiveAveragePoolSummary() {
        #expect(AdaptiveAvgPool2D(name: "avgpool", outputHeight: 6, outputWidth: 6).summary == "adaptive avgpool → 6x6")
    }
}
