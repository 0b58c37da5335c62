/// The sum behind one output value of a convolution or a dense layer, term by term: what a
/// teacher writes on the board for one neuron, computed from the layer's own weights and its
/// actual input.
public struct NeuronArithmetic: Sendable {
    /// A place in an `[H, W, C]` feature map.
    public struct MapPosition: Equatable, Sendable {
        public let y: Int
        public let x: Int
        public let channel: Int

        public init(y: Int, x: Int, channel: Int) {
            self.y = y
            self.x = x
            self.channel = channel
        }
    }

    /// One product of the sum: a weight times the input value it multiplies.
    public struct Term: Equatable, Sendable {
        /// The input value's index in the layer's input, in storage order.
        public let index: Int
        /// Where the input value sits in a feature map: in a conv's input (inside it: padding
        /// contributes no terms), or in the map a dense layer's input was flattened from; nil for
        /// a dense layer whose input is not a flattened map.
        public let position: MapPosition?
        public let weight: Float
        public let input: Float
        public var product: Double { Double(weight) * Double(input) }
    }

    public let bias: Float
    /// Every product: a conv's whose input lies inside the map, in window order (kh, kw, input
    /// channel); a dense layer's, in input order.
    public let terms: [Term]
    /// Window positions that fell on padding (times input channels): zeros, left out of `terms`.
    public let paddedTerms: Int
    /// bias + Σ products, accumulated in double precision.
    public let preActivation: Double
    public let activation: Activation
    /// The activation applied to `preActivation`: what the layer outputs.
    public let output: Float

    init(bias: Float, terms: [Term], paddedTerms: Int, activation: Activation) {
        self.bias = bias
        self.terms = terms
        self.paddedTerms = paddedTerms
        self.activation = activation
        preActivation = terms.reduce(Double(bias)) { $0 + $1.product }
        output = activation.apply(Float(preActivation))
    }

    /// The `count` terms with the largest |product|, largest first (ties: in term order).
    public func largest(_ count: Int) -> [Term] {
        largest(count) { abs($0.product) }
    }

    /// The `count` largest positive products, largest first.
    public func largestPositive(_ count: Int) -> [Term] {
        largest(count) { $0.product > 0 ? $0.product : nil }
    }

    /// The `count` most negative products, most negative first.
    public func largestNegative(_ count: Int) -> [Term] {
        largest(count) { $0.product < 0 ? -$0.product : nil }
    }

    /// The `count` terms with the largest `size` (nil: left out), largest first, ties in term order.
    private func largest(_ count: Int, by size: (Term) -> Double?) -> [Term] {
        let sized = terms.indices.compactMap { index in size(terms[index]).map { (index, $0) } }
        return sized.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.prefix(max(count, 0)).map { terms[$0.0] }
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
        for ky in 0..<kh {
            for kx in 0..<kw {
                let iy = y * geometry.strideHeight - pad.top + ky
                let ix = x * geometry.strideWidth - pad.left + kx
                guard (0..<height).contains(iy), (0..<width).contains(ix) else {
                    padded += inPerGroup
                    continue
                }
                for c in firstChannel..<firstChannel + inPerGroup {
                    let index = (iy * width + ix) * channels + c
                    terms.append(NeuronArithmetic.Term(
                        index: index, position: NeuronArithmetic.MapPosition(y: iy, x: ix, channel: c),
                        weight: weights.data[((ky * kw + kx) * inPerGroup + c - firstChannel) * outChannels + channel],
                        input: input.data[index]))
                }
            }
        }
        return NeuronArithmetic(bias: bias.data[channel], terms: terms, paddedTerms: padded, activation: activation)
    }
}

/// The feature map a vector was flattened from: its shape and the flatten order, which say
/// where each element of the vector came from.
public struct FlattenedMap: Equatable, Sendable {
    /// `[H, W, C]`
    public let shape: Shape
    public let order: Flatten.Order

    public init(shape: Shape, order: Flatten.Order) {
        self.shape = shape
        self.order = order
    }

    /// The map cell and channel element `index` of the vector came from (`Flatten.Order` gives
    /// the index of each).
    public func position(of index: Int) -> NeuronArithmetic.MapPosition {
        let (height, width, channels) = (shape[0], shape[1], shape[2])
        switch order {
        case .hwc:
            return NeuronArithmetic.MapPosition(y: index / (width * channels), x: index / channels % width,
                                                channel: index % channels)
        case .chw:
            return NeuronArithmetic.MapPosition(y: index / width % height, x: index % width,
                                                channel: index / (height * width))
        }
    }
}

extension Dense {
    /// The arithmetic of output `output` (`x[i] * W[i, output]` summed over the inputs, plus the
    /// bias), given the tensor this layer read. With `map`, the map that input was flattened
    /// from, each term says where in the map its input came from. Throws a `ShapeError` when the
    /// input, the map or the output index does not fit.
    public func arithmetic(input: Tensor, output: Int, flattenedFrom map: FlattenedMap? = nil) throws -> NeuronArithmetic {
        _ = try outputShape(for: input.shape)
        guard (0..<outputs).contains(output) else {
            throw ShapeError(layer: name, "output \(output) is outside 0..<\(outputs)")
        }
        if let map, !map.shape.isFeatureMap || map.shape.count != inputs {
            throw ShapeError(layer: name, "map \(map.shape) does not flatten to \(inputs) inputs")
        }
        let terms = (0..<inputs).map { index in
            NeuronArithmetic.Term(
                index: index, position: map?.position(of: index),
                weight: weights.data[layout == .inputMajor ? index * outputs + output : output * inputs + index],
                input: input.data[index])
        }
        return NeuronArithmetic(bias: bias.data[output], terms: terms, paddedTerms: 0, activation: activation)
    }
}

extension Network {
    /// The feature map layer `index` reads flattened: following sources back through layers
    /// that keep every element in its place (dropout) to a `Flatten`; the map is that layer's
    /// input. Nil when the layer does not read a flattened map.
    public func flattenedMap(readBy index: Int) -> (flatten: Int, map: FlattenedMap)? {
        var source = nodes[index].source
        while let current = source {
            let node = nodes[current]
            if let flatten = node.layer as? Flatten {
                return node.inputShape.isFeatureMap ? (current, FlattenedMap(shape: node.inputShape, order: flatten.order)) : nil
            }
            guard node.layer.kind == .dropout else { return nil }
            source = node.source
        }
        return nil
    }
}
