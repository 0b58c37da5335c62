/// The `alexnet` preset: torchvision's `models.alexnet` (one-tower AlexNet, ImageNet's 1000 classes).
///
/// Weights file keys are torchvision's state_dict names in PyTorch layouts, so a state_dict saved
/// with the safetensors library loads as it is: conv `features.N.weight` `[out, in, kh, kw]`
/// (transposed once at load), linear `classifier.N.weight` `[out, in]` (used in place).
extension Preset {
    static func alexNetLayers(_ p: Parameters, _ w: Widths) throws -> [any Layer] {
        // PyTorch's default init: weights and biases uniform on ±1/sqrt(fan_in).
        func uniform(fanIn: Int) -> Initializer { .uniform(bound: 1 / Float(fanIn).squareRoot()) }
        func conv(_ name: String, _ index: Int, kernel k: Int, _ inputs: Int, _ outputs: Int, stride: Int = 1,
                  pad: Int) throws -> Conv2D {
            let initializer = uniform(fanIn: inputs * k * k)
            return try Conv2D(name: name,
                              weights: p.kernelFromOIHW("features.\(index).weight", out: outputs, in: inputs, kernel: k, initializer),
                              bias: p.tensor("features.\(index).bias", [outputs], initializer),
                              stride: stride, padding: .explicit(top: pad, left: pad, bottom: pad, right: pad), activation: .relu)
        }
        func linear(_ name: String, _ index: Int, _ inputs: Int, _ outputs: Int, _ activation: Activation) throws -> Dense {
            let initializer = uniform(fanIn: inputs)
            return try Dense(name: name, weights: p.pendingTensor("classifier.\(index).weight", [outputs, inputs], initializer),
                             layout: .outputMajor, bias: p.tensor("classifier.\(index).bias", [outputs], initializer),
                             activation: activation)
        }
        return [
            try conv("conv1", 0, kernel: 11, 3, w.conv1, stride: 4, pad: 2),   // 55x55
            MaxPool2D(name: "pool1", kernel: 3, stride: 2, padding: .valid),   // 27x27
            try conv("conv2", 3, kernel: 5, w.conv1, w.conv2, pad: 2),
            MaxPool2D(name: "pool2", kernel: 3, stride: 2, padding: .valid),   // 13x13
            try conv("conv3", 6, kernel: 3, w.conv2, w.conv3, pad: 1),
            try conv("conv4", 8, kernel: 3, w.conv3, w.conv4, pad: 1),
            try conv("conv5", 10, kernel: 3, w.conv4, w.conv5, pad: 1),
            MaxPool2D(name: "pool5", kernel: 3, stride: 2, padding: .valid),   // 6x6
            AdaptiveAvgPool2D(name: "avgpool", outputHeight: 6, outputWidth: 6),
            Flatten(name: "flatten", order: .chw),                             // conv5 * 6 * 6, PyTorch's order
            Dropout(name: "drop6", rate: 0.5),
            try linear("fc6", 1, w.conv5 * 6 * 6, w.fc6, .relu),
            Dropout(name: "drop7", rate: 0.5),
            try linear("fc7", 4, w.fc6, w.fc7, .relu),
            try linear("fc8", 6, w.fc7, w.classes, .identity),                 // logits
        ]
    }
}
