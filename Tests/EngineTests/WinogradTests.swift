import Testing
@testable import Engine
import TestSupport

struct WinogradTests {
    /// U = G g Gᵀ with G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1], multiplied out here in
    /// float64 for a filter of 1..9, against the packed matrices' single entry (1 in, 1 out).
    @Test func filterTransformIsGgGTransposed() {
        let g: [[Double]] = [[1, 0, 0], [0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0, 0, 1]]
        let filter: [[Double]] = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
        var expected = [[Double]](repeating: [Double](repeating: 0, count: 4), count: 4)
        for i in 0..<4 {
            for j in 0..<4 {
                for a in 0..<3 { for b in 0..<3 { expected[i][j] += g[i][a] * filter[a][b] * g[j][b] } }
            }
        }
        let weights: [Float] = (1...9).map(Float.init)
        let bias: [Float] = [0]
        weights.withUnsafeBufferPointer { w in
            bias.withUnsafeBufferPointer { b in
                for variant in KernelVariant.supported {
                    let filters = WinogradFilters(weights: w.baseAddress!, kernelSize: 3, inputs: 1, outputs: 1, bias: b.baseAddress!,
                                                  kernels: variant.kernels)
                    for i in 0..<4 {
                        for j in 0..<4 {
                            #expect(Double(filters.matrices[4 * i + j].panel(0)[0]) == expected[i][j],
                                    "U[\(i)][\(j)] \(variant)")
                        }
                    }
                }
            }
        }
    }

    /// G of F(2x2, 5x5) and of F(4x4, 3x3), as `scripts/winograd_matrices.py` derives them.
    static let twoByTwoOfFiveG: [[Double]] = [
        [1.0 / 4, 0, 0, 0, 0], [-1.0 / 6, -1.0 / 6, -1.0 / 6, -1.0 / 6, -1.0 / 6],
        [-1.0 / 6, 1.0 / 6, -1.0 / 6, 1.0 / 6, -1.0 / 6], [1.0 / 24, 1.0 / 12, 1.0 / 6, 1.0 / 3, 2.0 / 3],
        [1.0 / 24, -1.0 / 12, 1.0 / 6, -1.0 / 3, 2.0 / 3], [0, 0, 0, 0, 1],
    ]
    static let fourByFourOfThreeG: [[Double]] = [
        [1.0 / 4, 0, 0], [-1.0 / 6, -1.0 / 6, -1.0 / 6], [-1.0 / 6, 1.0 / 6, -1.0 / 6],
        [1.0 / 24, 1.0 / 12, 1.0 / 6], [1.0 / 24, -1.0 / 12, 1.0 / 6], [0, 0, 1],
    ]

    /// U = G g Gᵀ for F(2x2, 5x5) and F(4x4, 3x3), G as `scripts/winograd_matrices.py` derives it,
    /// multiplied out here in float64 for a filter of 1, 2, 3, ..., against the packed matrices
    /// (each coefficient is rounded to float32 once, so they agree to a few ulps).
    @Test(arguments: [5, 3])
    func sixPointFilterTransformIsGgGTransposed(kernelSize k: Int) {
        let (outputTile, g) = k == 5 ? (2, Self.twoByTwoOfFiveG) : (4, Self.fourByFourOfThreeG)
        let weights: [Float] = (1...(k * k)).map(Float.init)
        let bias: [Float] = [0]
        weights.withUnsafeBufferPointer { w in
            bias.withUnsafeBufferPointer { b in
                for variant in KernelVariant.supported {
                    let filters = WinogradFilters(weights: w.baseAddress!, kernelSize: k, outputTile: outputTile,
                                                  inputs: 1, outputs: 1, bias: b.baseAddress!, kernels: variant.kernels)
                    #expect(filters.matrices.count == 36)
                    for i in 0..<6 {
                        for j in 0..<6 {
                            var expected = 0.0
                            for a in 0..<k { for c in 0..<k { expected += g[i][a] * Double(k * a + c + 1) * g[j][c] } }
                            let packed = Double(filters.matrices[6 * i + j].panel(0)[0])
                            #expect(abs(packed - expected) <= 1e-6 * max(1, abs(expected)), "U[\(i)][\(j)] \(variant)")
                        }
                    }
                }
            }
        }
    }

    /// 3x3 and 5x5 stride-1 layers without groups take Winograd's path, strided ones whose phase
    /// filters are 3x3 (ceil(k / stride) = 3) space-to-depth and F(4x4, 3x3); each says which.
    @Test func onlyStrideOneThreeAndFiveWideOrThreePhaseStridedLayersWithoutGroupsUseIt() throws {
        func method(_ k: Int, stride: Int, groups: Int = 1) throws -> String? {
            try Conv2D(name: "c", weights: Tensor(zeros: Shape(k, k, 4 / groups, 4)), bias: Tensor(zeros: Shape(4)),
                       stride: stride, padding: .same, groups: groups, activation: .relu).method
        }
        #expect(try method(3, stride: 1) == "Winograd F(2x2, 3x3)")
        #expect(try method(5, stride: 1) == "Winograd F(2x2, 5x5)")
        #expect(try method(11, stride: 4) == "4x4 space-to-depth, Winograd F(4x4, 3x3)")
        #expect(try method(5, stride: 2) == "2x2 space-to-depth, Winograd F(4x4, 3x3)")
        #expect(try method(9, stride: 3) == "3x3 space-to-depth, Winograd F(4x4, 3x3)")
        #expect(try method(3, stride: 2) == nil)
        #expect(try method(7, stride: 2) == nil)
        #expect(try method(11, stride: 4, groups: 2) == nil)
        #expect(try method(3, stride: 1, groups: 2) == nil)
        #expect(try method(5, stride: 1, groups: 2) == nil)
        #expect(try method(7, stride: 1) == nil)
        #expect(try method(1, stride: 1) == nil)
    }

    /// F(4x4, 3x3) on a 6x6 map of 0, 1, 2, ... under a filter of ones, VALID: one tile, whose 16
    /// outputs are the window sums 9 · (6y + x + 7) (the window's mean is its centre, 6(y + 1) +
    /// x + 1), plus the bias 0.5; G is rounded, so to a few ulps.
    @Test func fourByFourTileGivesItsSixteenWindowSums() throws {
        let input = arangeTensor(Shape(6, 6, 1))
        let weights: [Float] = Array(repeating: 1, count: 9), bias: [Float] = [0.5]
        for variant in KernelVariant.supported {
            let plan = ConvolutionPlan(inputHeight: 6, inputWidth: 6, inputChannels: 1, outputHeight: 4, outputWidth: 4,
                                       outputChannels: 1, kernelHeight: 3, kernelWidth: 3, strideHeight: 1,
                                       strideWidth: 1, padTop: 0, padLeft: 0, groups: 1, kernels: variant.kernels)
            let output = Tensor(zeros: Shape(4, 4, 1))
            weights.withUnsafeBufferPointer { w in
                bias.withUnsafeBufferPointer { b in
                    let filters = WinogradFilters(weights: w.baseAddress!, kernelSize: 3, outputTile: 4, inputs: 1,
                                                  outputs: 1, bias: b.baseAddress!, kernels: variant.kernels)
                    let workspace = Workspace(capacity: plan.winogradWorkspaceFloats(outputTile: 4))
                    plan.convolveWinograd(input.data, filters: filters, activation: .identity, into: output.data,
                                          workspace: workspace.data)
                }
            }
            let sums: [Double] = (0..<16).map { index in
                let (y, x) = (index / 4, index % 4)
                return 9 * Double(6 * y + x + 7) + 0.5
            }
            expectClose(output, sums, relativeTolerance: 1e-6, "\(variant)")
        }
    }

    /// The multiply-adds Winograd does: 16 per tile and channel pair. seed's conv3 (14x14, 256 →
    /// 384): 49 tiles, 16·49·256·384 = 77 070 336 against the direct 14·14·9·256·384 = 173 408 256,
    /// 2.25x fewer; alexnet's conv3 (13x13, 192 → 384) still has 49 tiles (the odd edge's half
    /// tiles are computed whole): 57 802 752 against 112 140 288, 1.94x. The direct path does what
    /// it counts.
    @Test func performedMultiplyAddsCountOnePerBlockPositionTileAndChannelPair() throws {
        func conv(_ k: Int, _ cin: Int, _ cout: Int, stride: Int = 1) throws -> Conv2D {
            try Conv2D(name: "c", weights: Tensor(zeros: Shape(k, k, cin, cout)), bias: Tensor(zeros: Shape(cout)),
                       stride: stride, padding: .same, activation: .relu)
        }
        let seedConv3 = try conv(3, 256, 384)
        #expect(seedConv3.multiplyAdds(for: Shape(14, 14, 256)) == 173_408_256)
        #expect(seedConv3.performedMultiplyAdds(for: Shape(14, 14, 256)) == 77_070_336)
        #expect(try conv(3, 192, 384).performedMultiplyAdds(for: Shape(13, 13, 192)) == 57_802_752)
        // seed's conv2 (27x27, 96 → 256, 5x5): 196 tiles, 36·196·96·256 = 173 408 256 against the
        // direct 27·27·25·96·256 = 447 897 600, 2.58x fewer.
        let seedConv2 = try conv(5, 96, 256)
        #expect(seedConv2.multiplyAdds(for: Shape(27, 27, 96)) == 447_897_600)
        #expect(seedConv2.performedMultiplyAdds(for: Shape(27, 27, 96)) == 173_408_256)
        let strided = try conv(3, 4, 8, stride: 2)
        #expect(strided.performedMultiplyAdds(for: Shape(14, 14, 4)) == strided.multiplyAdds(for: Shape(14, 14, 4)))
        // conv1 through space-to-depth: 3 channels become 48, each 4x4 tile 36 multiplies per
        // channel pair. seed's (56x56, 96 filters): 14·14 tiles, 36·196·48·96 = 32 514 048 against
        // the direct 56·56·96·11·11·3 = 109 283 328, 3.36x fewer; alexnet's (55x55, 64 filters)
        // has 14·14 tiles too: 21 676 032 against 70 276 800.
        let seedConv1 = try conv(11, 3, 96, stride: 4)
        #expect(seedConv1.multiplyAdds(for: Shape(224, 224, 3)) == 109_283_328)
        #expect(seedConv1.performedMultiplyAdds(for: Shape(224, 224, 3)) == 32_514_048)
        let alexnetConv1 = try Conv2D(name: "c", weights: Tensor(zeros: Shape(11, 11, 3, 64)), bias: Tensor(zeros: Shape(64)),
                                      stride: 4, padding: .explicit(top: 2, left: 2, bottom: 2, right: 2), activation: .relu)
        #expect(alexnetConv1.multiplyAdds(for: Shape(224, 224, 3)) == 70_276_800)
        #expect(alexnetConv1.performedMultiplyAdds(for: Shape(224, 224, 3)) == 21_676_032)
    }

    /// A map of 0, 1, 2, ... one tile wide (4x4 for 3x3, 6x6 for 5x5) under a filter of ones,
    /// VALID: one tile, whose four outputs are the window sums plus the bias 0.5, worked by hand:
    /// 45, 54, 81, 90 for 3x3; 350, 375, 500, 525 for 5x5 (25 values averaging 14, 15, 20 and 21).
    /// F(2x2, 3x3)'s coefficients are exact in float32, so its sums are too; F(2x2, 5x5)'s G is
    /// rounded, so to a few ulps.
    @Test(arguments: [(3, [45.5, 54.5, 81.5, 90.5], 0.0), (5, [350.5, 375.5, 500.5, 525.5], 1e-6)])
    func oneTileGivesTheFourWindowSums(kernelSize k: Int, sums: [Double], tolerance: Double) throws {
        let conv = try Conv2D(name: "c", weights: Tensor(shape: Shape(k, k, 1, 1), values: Array(repeating: 1, count: k * k)),
                              bias: Tensor(shape: Shape(1), values: [0.5]), stride: 1, padding: .valid,
                              activation: .identity)
        let output = try runLayer(conv, on: arangeTensor(Shape(k + 1, k + 1, 1)))
        #expect(output.shape == Shape(2, 2, 1))
        expectClose(output, sums, relativeTolerance: tolerance)
    }

    /// Tiles go through the transforms and products in batches of tile rows: one row a batch
    /// gives the same bits as all nine at once, and so does a tile row at a time in each worker's
    /// own V and M (`convolveWinogradRowByRow`), since each tile's arithmetic is the same every
    /// way; on every variant, and all match the float64 reference.
    @Test func batchesOfTileRowsAndRowByRowGiveTheSameBitsAsOnePass() throws {
        let (height, width, inputs, outputs) = (17, 9, 20, 24)
        let input = randomTensor(Shape(height, width, inputs), seed: 7)
        let weights = randomTensor(Shape(5, 5, inputs, outputs), seed: 8, in: -0.5...0.5)
        let bias = randomTensor(Shape(outputs), seed: 9)
        let expected = Reference.conv2D(input, weights: weights, bias: bias, stride: 1, padding: .same, groups: 1,
                                        activation: .relu)
        for variant in KernelVariant.supported {
            let plan = ConvolutionPlan(inputHeight: height, inputWidth: width, inputChannels: inputs,
                                       outputHeight: height, outputWidth: width, outputChannels: outputs,
                                       kernelHeight: 5, kernelWidth: 5, strideHeight: 1, strideWidth: 1,
                                       padTop: 2, padLeft: 2, groups: 1, kernels: variant.kernels)
            let filters = WinogradFilters(weights: weights.data, kernelSize: 5, inputs: inputs, outputs: outputs,
                                          bias: bias.data, kernels: variant.kernels)
            func convolve(batchFloats: Int) -> [Float] {
                let workspace = Workspace(capacity: plan.winogradWorkspaceFloats(batchFloats: batchFloats))
                let output = Tensor(zeros: Shape(height, width, outputs))
                plan.convolveWinograd(input.data, filters: filters, activation: .relu, into: output.data,
                                      workspace: workspace.data, batchFloats: batchFloats)
                return output.toArray()
            }
            #expect(plan.tiling(batchFloats: 1).tileRowsPerBatch == 1)
            #expect(plan.tiling(batchFloats: .max).tileRowsPerBatch == 9)
            let oneRowABatch = convolve(batchFloats: 1)
            #expect(oneRowABatch == convolve(batchFloats: .max), "\(variant)")
            expectClose(oneRowABatch, expected.values, relativeTolerance: 3e-5, "\(variant)")
            let workspace = Workspace(capacity: plan.winogradRowWorkspaceFloats(outputTile: 2))
            let pipelined = Tensor(zeros: Shape(height, width, outputs))
            plan.convolveWinogradRowByRow(input.data, filters: filters, activation: .relu, into: pipelined.data,
                                          workspace: workspace.data)
            #expect(pipelined.toArray() == oneRowABatch, "\(variant)")
        }
    }

    /// The transformed filters replace the packed ones: the same layer with stride 2 (direct
    /// path) and stride 1 (Winograd) agree where their outputs coincide (every other pixel).
    @Test(arguments: [3, 5])
    func stridedDirectPathAgreesWithWinogradOnTheSharedPixels(kernelSize k: Int) throws {
        let weights = randomTensor(Shape(k, k, 24, 40), seed: 4, in: -0.5...0.5)
        let bias = randomTensor(Shape(40), seed: 5)
        let input = randomTensor(Shape(11, 11, 24), seed: 6)
        let winograd = try runLayer(Conv2D(name: "w", weights: weights, bias: bias, stride: 1, padding: .valid,
                                           activation: .relu), on: input)
        let direct = try runLayer(Conv2D(name: "d", weights: weights, bias: bias, stride: 2, padding: .valid,
                                         activation: .relu), on: input)
        let side = 12 - k, all = winograd.toArray()
        var shared: [Float] = []
        for y in stride(from: 0, to: side, by: 2) {
            for x in stride(from: 0, to: side, by: 2) {
                for c in 0..<40 { shared.append(all[(y * side + x) * 40 + c]) }
            }
        }
        expectClose(direct, shared.map(Double.init), relativeTolerance: 1e-5)
    }
}
