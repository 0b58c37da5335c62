/// The sum behind one output value of a convolution, term by term: what a teacher writes on the
/// board for one neuron, computed from the layer's own weights and its actual input.
public struct NeuronArithmetic: Sendable {
    /// One product of the sum: a weight times the input value under it.
    public struct Term: Equatable, Sendable {
        /// Position in the layer's input map (inside it: padding contributes no terms).
        public let inputY: Int
        public let inputX: Int
        public let channel: Int
        public let weight: Float
        public let input: Float
        public var product: Double { Double(weight) * Double(input) }
    }

    public let bias: Float
    /// Every product whose input lies inside the map, in window order (kh, kw, input channel).
    public let terms: [Term]
    /// Window positions that fell on padding (times input channels): zeros, left out of `terms`.
    public let paddedTerms: Int
    /// bias + Σ products, accumulated in double precision.
    public let preActivation: Double
    public let activation: Activation
    /// The activation applied to `preActivation`: what the layer outputs.
    public let output: Float

    /// The `count` terms with the largest |product|, largest first (ties: window order).
    public func largest(_ count: Int) -> [Term] {
        terms.indices.sorted {
            let (a, b) = (abs(terms[$0].product), abs(terms[$1].product))
            return a > b || (a == b && $0 < $1)
        }.prefix(count).map { terms[$0] }
    }
}

extension Conv2D {
    /// The arithmetic of output cell (`y`, `x`) of output channel `channel`, given the tensor
    /// this layer read (`[H, W, C]`). Throws a `ShapeError` when the input or cell does not fit.
    public func arithmetic(input: Tensor, y: Int, x: Int, channel: Int) throws -> NeuronArithmetic {
        let output = try outputShape(for: input.shape)
        guard (0..<output[0]).contains(y), (0..<output[1]).contains(x), (0..<output[2]).contains(channel) else {
            throw ShapeError(layer: name, "cell (\(y), \(x)) channel \(channel) is outside the output \(output)")
        }
        let (height, width, channels) = (input.shape[0], input.shape[1], input.shape[2])
        let (kh, kw, inPerGroup, outChannels) = (weights.shape[0], weights.shape[1], weights.shape[2], weights.shape[3])
        let pad = geometry.padAmounts(height: height, width: width)
        // Grouped convolutions read only their group's slice of the input channels.
        let firstChannel = channel / (outChannels / groups) * inPerGroup
        var terms: [NeuronArithmetic.Term] = []
        terms.reserveCapacity(kh * kw * inPerGroup)
        var padded = 0
        var sum = Double(bias.data[channel])
        for ky in 0..<kh {
            for kx in 0..<kw {
                let iy = y * geometry.strideHeight - pad.top + ky
                let ix = x * geometry.strideWidth - pad.left + kx
                guard (0..<height).contains(iy), (0..<width).contains(ix) else {
                    padded += inPerGroup
                    continue
                }
                for c in 0..<inPerGroup {
                    let weight = weights.data[((ky * kw + kx) * inPerGroup + c) * outChannels + channel]
                    let value = input.data[(iy * width + ix) * channels + firstChannel + c]
                    let term = NeuronArithmetic.Term(inputY: iy, inputX: ix, channel: firstChannel + c, weight: weight, input: value)
                    sum += term.product
                    terms.append(term)
                }
            }
        }
        return NeuronArithmetic(bias: bias.data[channel], terms: terms, paddedTerms: padded, preActivation: sum,
                                activation: activation, output: activation.apply(Float(sum)))
    }
}
