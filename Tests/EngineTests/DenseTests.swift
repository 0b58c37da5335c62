import Testing
import Engine
import TestSupport

struct DenseTests {
    /// Odd sizes hit the vector tails; 1030x1021 is large enough to split across threads, and
    /// 2x524288 splits two rows into two chunks of eight (the second one empty).
    @Test(arguments: [(1, 1), (37, 23), (300, 250), (1000, 17), (64, 4097), (1030, 1021), (2, 524_288)])
    func bothLayoutsMatchTheFloat64Reference(inputs: Int, outputs: Int) throws {
        let x = randomTensor(Shape(inputs), seed: 5)
        let bias = randomTensor(Shape(outputs), seed: 6)
        for layout in [Dense.WeightLayout.inputMajor, .outputMajor] {
            let shape = layout == .inputMajor ? Shape(inputs, outputs) : Shape(outputs, inputs)
            let weights = randomTensor(shape, seed: 7, in: -0.1...0.1)
            for activation in [Activation.identity, .relu, .tanh] {
                let expected = Reference.dense(x, weights: weights, layout: layout, bias: bias, activation: activation)
                for variant in KernelVariant.supported {
                    let dense = try Dense(name: "fc", weights: weights, layout: layout, bias: bias, activation: activation,
                                          kernels: variant)
                    let output = try runLayer(dense, on: x)
                    expectClose(output, expected, relativeTolerance: 1e-5, "\(layout) \(activation) \(variant)")
                }
            }
        }
    }

    /// Whichever core runs which chunk of rows, the partial sums are added in the same order:
    /// the same input gives the same bits on every run (a report run twice must agree).
    @Test func inputMajorGivesTheSameBitsOnEveryRun() throws {
        let (inputs, outputs) = (8192, 512)
        let dense = try Dense(name: "fc", weights: randomTensor(Shape(inputs, outputs), seed: 11, in: -0.1...0.1),
                              layout: .inputMajor, bias: randomTensor(Shape(outputs), seed: 12), activation: .identity)
        let x = randomTensor(Shape(inputs), seed: 13)
        let first = try runLayer(dense, on: x).toArray()
        for run in 1..<40 {
            let again = try runLayer(dense, on: x).toArray()
            let differing = zip(again, first).filter { $0.bitPattern != $1.bitPattern }.count
            #expect(differing == 0, "run \(run): \(differing) of \(outputs) outputs differ from the first run")
            if differing > 0 { break }
        }
    }

    @Test func theTwoLayoutsOfTheSameMatrixAgree() throws {
        let (inputs, outputs) = (19, 45)
        let inputMajor = randomTensor(Shape(inputs, outputs), seed: 8)
        let outputMajor = Tensor(zeros: Shape(outputs, inputs))
        for i in 0..<inputs { for o in 0..<outputs { outputMajor[o, i] = inputMajor[i, o] } }
        let bias = randomTensor(Shape(outputs), seed: 9)
        let x = randomTensor(Shape(inputs), seed: 10)
        let a = try runLayer(Dense(name: "a", weights: inputMajor, layout: .inputMajor, bias: bias, activation: .relu), on: x)
        let b = try runLayer(Dense(name: "b", weights: outputMajor, layout: .outputMajor, bias: bias, activation: .relu), on: x)
        expectClose(a, b.doubles, relativeTolerance: 1e-6)
    }

    @Test func acceptsAFeatureMapOfTheRightSizeAndRejectsOthers() throws {
        let dense = try Dense(name: "fc6", weights: Tensor(zeros: Shape(12, 3)), layout: .inputMajor,
                              bias: Tensor(zeros: Shape(3)), activation: .tanh)
        #expect(try dense.outputShape(for: Shape(2, 2, 3)) == Shape(3))
        #expect(throws: ShapeError(layer: "fc6", "input 13 has 13 values, expected 12")) {
            try dense.outputShape(for: Shape(13))
        }
        #expect(throws: ShapeError.self) {
            try Dense(name: "fc", weights: Tensor(zeros: Shape(3, 12)), layout: .outputMajor,
                      bias: Tensor(zeros: Shape(12)), activation: .relu)
        }
    }

    @Test func summaryCountsAndParameters() throws {
        let dense = try Dense(name: "fc8", weights: Tensor(zeros: Shape(17, 40)), layout: .outputMajor,
                              bias: Tensor(zeros: Shape(17)), activation: .identity)
        #expect(dense.summary == "dense 40→17")
        #expect(dense.multiplyAdds(for: Shape(40)) == 680)
        #expect(dense.parameterCount == 697)
        let tanh = try Dense(name: "fc6", weights: Tensor(zeros: Shape(30, 8)), layout: .inputMajor,
                             bias: Tensor(zeros: Shape(8)), activation: .tanh)
        #expect(tanh.summary == "dense 30→8, tanh")
    }
}
