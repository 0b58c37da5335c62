/// The `seed` preset: the 17-class TensorFlow AlexNet this project starts from, reproduced as it
/// is, quirks included.
///
/// Weights file keys are the original's variables, in TensorFlow layouts: `w1`..`w5` conv
/// `[kh, kw, in, out]`, `w6`..`w8` dense `[in, out]`, `b1`..`b8`.
extension Preset {
    /// pool5 pools conv4's output, as the original does; conv5 is computed and shown but feeds nothing.
    static let seedSources = ["pool5": "conv4"]

    static func seedLayers(_ p: Parameters, _ w: Widths) throws -> [any Layer] {
        let lrn = LocalResponseNorm.Convention.tensorFlow(depthRadius: 5, bias: 1, alpha: 1, beta: 0.5)
        let weights = Initializer.truncatedNormal(stddev: 0.1)
        func conv(_ name: String, _ n: Int, kernel k: Int, _ inputs: Int, _ outputs: Int, stride: Int = 1,
                  bias: Float) throws -> Conv2D {
            try Conv2D(name: name, weights: p.tensor("w\(n)", [k, k, inputs, outputs], weights),
                       bias: p.tensor("b\(n)", [outputs], .constant(bias)), stride: stride, padding: .same, activation: .relu)
        }
        func dense(_ name: String, _ n: Int, _ inputs: Int, _ outputs: Int, _ activation: Activation,
                   bias: Float) throws -> Dense {
            try Dense(name: name, weights: p.pendingTensor("w\(n)", [inputs, outputs], weights), layout: .inputMajor,
                      bias: p.tensor("b\(n)", [outputs], .constant(bias)), activation: activation)
        }
        return [
            try conv("conv1", 1, kernel: 11, 3, w.conv1, stride: 4, bias: 0),  // 56x56
            MaxPool2D(name: "pool1", kernel: 3, stride: 2, padding: .same),    // 28x28
            LocalResponseNorm(name: "norm1", convention: lrn),
            try conv("conv2", 2, kernel: 5, w.conv1, w.conv2, bias: 1),
            MaxPool2D(name: "pool2", kernel: 3, stride: 2, padding: .same),    // 14x14
            LocalResponseNorm(name: "norm2", convention: lrn),
            try conv("conv3", 3, kernel: 3, w.conv2, w.conv3, bias: 0),
            try conv("conv4", 4, kernel: 3, w.conv3, w.conv4, bias: 1),
            try conv("conv5", 5, kernel: 3, w.conv4, w.conv5, bias: 0),        // unused, as in the original
            MaxPool2D(name: "pool5", kernel: 3, stride: 2, padding: .same),    // of conv4: 7x7
            LocalResponseNorm(name: "norm5", convention: lrn),
            Flatten(name: "flatten", order: .hwc),                             // 7 * 7 * conv4
            try dense("fc6", 6, 7 * 7 * w.conv4, w.fc6, .tanh, bias: 1),
            Dropout(name: "drop6", rate: 0.5),
            try dense("fc7", 7, w.fc6, w.fc7, .tanh, bias: 1),
            Dropout(name: "drop7", rate: 0.5),
            try dense("fc8", 8, w.fc7, w.classes, .identity, bias: 1),         // logits
        ]
    }
}

/// The 17 Oxford Flowers categories in dataset order.
let oxfordFlowers17Labels = [
    "Daffodil", "Snowdrop", "Lily Valley", "Bluebell", "Crocus", "Iris", "Tigerlily", "Tulip", "Fritillary",
    "Sunflower", "Daisy", "Colts' Foot", "Dandelion", "Cowslip", "Buttercup", "Windflower", "Pansy",
]
