import KernelSupport

/// A 2-D convolution with bias and a fused activation on `[H, W, C]` feature maps.
///
/// The weights are packed for the GEMM kernel once, here; they must hold their final values
/// when the layer is created. 3x3 and 5x5 stride-1 layers without groups run through Winograd's
/// F(2x2, 3x3) or F(2x2, 5x5) (`Winograd.swift`), with 2.25x or 2.78x fewer multiply-adds;
/// strided layers without groups whose filters split into 3x3 phases (11x11 stride 4, 5x5
/// stride 2) through space-to-depth and F(4x4, 3x3) (`SpaceToDepth.swift`); the others as one
/// packed product per group (`Convolution.swift`). `multiplyAdds` counts the direct
/// convolution's in every case, so GFLOP/s figures compare with other engines'.
public final class Conv2D: Layer {
    public let name: String
    /// `[kh, kw, in / groups, out]` (TensorFlow's HWIO).
    public let weights: Tensor
    /// `[out]`
    public let bias: Tensor
    public let geometry: WindowGeometry
    public let groups: Int
    public let activation: Activation
    /// How the layer computes.
    private let computation: Computation
    /// Group g's `[kh * kw * in / groups, out / groups]` slice of `weights`, packed, with its bias
    /// (`direct` only).
    private let packed: [PackedMatrix]
    /// The filters in Winograd's domain (`winograd` and `spaceToDepth`).
    // Not payloads of `Computation`: a multi-payload enum keeps its case in a class reference's
    // spare bits, which hides the reference from LeakSanitizer (the CI's ASan run reported every
    // layer's filters as leaked).
    private let winogradFilters: WinogradFilters?
    /// The kernel variant the weights are packed for.
    private let kernels: KernelTable

    private enum Computation {
        /// One product per group.
        case direct
        /// Winograd's F(2x2, 3x3) or F(2x2, 5x5), for 3x3 and 5x5 stride-1 layers without groups.
        case winograd
        /// Space-to-depth, then F(4x4, 3x3) on the phase filters.
        case spaceToDepth
    }

    public var kind: LayerKind { .conv2d }
    public var method: String? {
        switch computation {
        case .direct: nil
        case .winograd: "Winograd F(2x2, \(geometry.kernelHeight)x\(geometry.kernelWidth))"
        case .spaceToDepth: "\(geometry.strideHeight)x\(geometry.strideWidth) space-to-depth, Winograd F(4x4, 3x3)"
        }
    }
    public var outputChannels: Int { weights.shape[3] }
    public var parameterCount: Int { weights.count + bias.count }

    /// - Parameter kernels: the kernel variant to pack for and run on (`KernelVariant.selected` by
    ///   default).
    public init(name: String, weights: Tensor, bias: Tensor, stride: Int, padding: Padding,
                groups: Int = 1, activation: Activation, kernels variant: KernelVariant = .selected) throws {
        guard weights.shape.rank == 4, weights.shape.dims.allSatisfy({ $0 > 0 }) else {
            throw ShapeError(layer: name, "weights are \(weights.shape), expected [kh, kw, in, out]")
        }
        let outChannels = weights.shape[3]
        guard groups >= 1, outChannels % groups == 0 else {
            throw ShapeError(layer: name, "\(outChannels) output channels do not split into \(groups) groups")
        }
        guard bias.shape == Shape(outChannels) else {
            throw ShapeError(layer: name, "bias is \(bias.shape), expected \(outChannels)")
        }
        guard stride >= 1 else { throw ShapeError(layer: name, "stride \(stride) must be at least 1") }
        if case let .explicit(top, left, bottom, right) = padding, min(top, left, bottom, right) < 0 {
            throw ShapeError(layer: name, "negative padding \(padding)")
        }
        self.name = name
        self.weights = weights
        self.bias = bias
        self.groups = groups
        self.activation = activation
        let kernels = variant.kernels
        self.kernels = kernels
        geometry = WindowGeometry(kernelHeight: weights.shape[0], kernelWidth: weights.shape[1],
                                  strideHeight: stride, strideWidth: stride, padding: padding)
        let side = weights.shape[0], square = weights.shape[1] == side
        if (side == 3 || side == 5) && square && stride == 1 && groups == 1 {
            computation = .winograd
            winogradFilters = WinogradFilters(weights: weights.data, kernelSize: side, inputs: weights.shape[2],
                                              outputs: outChannels, bias: bias.data, kernels: kernels)
            packed = []
        } else if square && SpaceToDepthPlan.applies(kernelSize: side, stride: stride, groups: groups) {
            computation = .spaceToDepth
            winogradFilters = SpaceToDepthPlan.filters(
                weights: weights.data, kernelSize: side, stride: stride, inputs: weights.shape[2], outputs: outChannels,
                bias: bias.data, kernels: kernels)
            packed = []
        } else {
            computation = .direct
            winogradFilters = nil
            let depth = weights.shape[0] * weights.shape[1] * weights.shape[2]
            let perGroup = outChannels / groups
            packed = (0..<groups).map { group in
                PackedMatrix(weights.data + group * perGroup, rows: depth, columns: perGroup,
                             ldb: outChannels, bias: bias.data + group * perGroup, panelWidth: kernels.panelWidth)
            }
        }
    }

    /// `conv 11x11/4 SAME, 96 filters, ReLU`
    public var summary: String {
        var parts = ["conv \(geometry.description)", "\(outputChannels) filters"]
        if groups > 1 { parts.append("\(groups) groups") }
        if let activation = activation.displayName { parts.append(activation) }
        return parts.joined(separator: ", ")
    }

    public func outputShape(for input: Shape) throws -> Shape {
        try plan(for: input).outputShape
    }

    public func multiplyAdds(for input: Shape) -> Int {
        guard let plan = try? plan(for: input) else { return 0 }
        return plan.outputRows * plan.outputChannels * plan.patchLength
    }

    /// Winograd's s² products of `[T, in] x [in, out]` (T tiles of 2x2 outputs, rounded up past an
    /// odd edge; s = 4 for 3x3, 6 for 5x5): for 3x3 the direct count / 2.25 on an even map (14x14),
    /// / 1.94 on 13x13; for 5x5 / 2.78 on an even map, / 2.58 on 27x27. Through space-to-depth,
    /// F(4x4, 3x3)'s 36 products of `[T, s²·in] x [s²·in, out]`, T tiles of 4x4 outputs: seed's
    /// conv1 (56x56) / 3.36, alexnet's (55x55) / 3.24. The transforms' additions are not counted:
    /// they are not multiply-adds.
    public func performedMultiplyAdds(for input: Shape) -> Int {
        guard let plan = try? plan(for: input) else { return 0 }
        let (tiling, winograd): (WinogradTiling, ConvolutionPlan)
        switch computation {
        case .direct: return multiplyAdds(for: input)
        case .winograd: (tiling, winograd) = (plan.tiling(), plan)
        case .spaceToDepth:
            winograd = SpaceToDepthPlan(plan).phases
            tiling = winograd.tiling(outputTile: 4)
        }
        return tiling.matrixCount * tiling.tileCount * winograd.inputChannels * winograd.outputChannels
    }

    public func workspaceFloats(for input: Shape) -> Int {
        guard let plan = try? plan(for: input) else { return 0 }
        switch computation {
        case .direct: return plan.workspaceFloats
        case .winograd: return plan.winogradWorkspaceFloats()
        case .spaceToDepth: return SpaceToDepthPlan(plan).workspaceFloats
        }
    }

    public func forward(_ input: Tensor, into output: Tensor, workspace: Workspace) {
        guard let plan = try? plan(for: input.shape) else {
            preconditionFailure("\(name): forward on an input of shape \(input.shape) that outputShape rejects")
        }
        switch computation {
        case .direct:
            plan.convolve(input.data, weights: packed, activation: activation, into: output.data,
                          workspace: workspace.data)
        case .winograd:
            plan.convolveWinograd(input.data, filters: winogradFilters!, activation: activation, into: output.data,
                                  workspace: workspace.data)
        case .spaceToDepth:
            SpaceToDepthPlan(plan).convolve(input.data, filters: winogradFilters!, activation: activation,
                                            into: output.data, workspace: workspace.data)
        }
    }

    private func plan(for input: Shape) throws -> ConvolutionPlan {
        guard input.isFeatureMap else {
            throw ShapeError(layer: name, "input is \(input), expected a feature map [H, W, C]")
        }
        let inPerGroup = weights.shape[2]
        guard input[2] == inPerGroup * groups else {
            throw ShapeError(layer: name, "input has \(input[2]) channels, weights expect \(inPerGroup * groups)")
        }
        let pad = geometry.padAmounts(height: input[0], width: input[1])
        guard input[0] + pad.top + pad.bottom >= geometry.kernelHeight,
              input[1] + pad.left + pad.right >= geometry.kernelWidth else {
            throw ShapeError(layer: name, "input \(input) is smaller than the \(geometry.description) window")
        }
        let size = geometry.outputSize(height: input[0], width: input[1])
        return ConvolutionPlan(
            inputHeight: input[0], inputWidth: input[1], inputChannels: input[2],
            outputHeight: size.height, outputWidth: size.width, outputChannels: outputChannels,
            kernelHeight: geometry.kernelHeight, kernelWidth: geometry.kernelWidth,
            strideHeight: geometry.strideHeight, strideWidth: geometry.strideWidth,
            padTop: pad.top, padLeft: pad.left, groups: groups, kernels: kernels)
    }
}

extension ConvolutionPlan {
    var outputShape: Shape { Shape(outputHeight, outputWidth, outputChannels) }
}
