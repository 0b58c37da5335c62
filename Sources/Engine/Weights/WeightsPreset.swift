/// Which preset a weights file is for, told by its tensor names: `seed`'s are TensorFlow's
/// variables (`w1`, `b1`, …), `alexnet`'s torchvision's `state_dict` keys (`features.0.weight`, …).
extension Preset {
    /// The keys of this preset's parameters in a weights file, in the order the layers ask for them.
    ///
    /// Read off a one-channel copy of the network, so the names come from the one place that
    /// builds each layer rather than from a second list that could drift from it.
    public var parameterKeys: [String] {
        let one = Widths(conv1: 1, conv2: 1, conv3: 1, conv4: 1, conv5: 1, fc6: 1, fc7: 1, classes: 1)
        // Random weights of one channel cannot fail to build: no file, and every shape is valid.
        guard let parameters = try? build(weights: .random(seed: 0), widths: one).parameters else {
            preconditionFailure("preset \(rawValue) cannot build a one-channel copy")
        }
        return parameters.map(\.0)
    }

    /// The preset whose parameter keys a file with `tensorNames` holds: the one that shares the
    /// most names with it (a file with a renamed or missing tensor still names its model, so that
    /// loading it reports the tensor); nil if the file holds no key of either.
    public static func matching(tensorNames: [String]) -> Preset? {
        let names = Set(tensorNames)
        let shared = allCases.map { preset in (preset, preset.parameterKeys.filter(names.contains).count) }
        guard let best = shared.max(by: { $0.1 < $1.1 }), best.1 > 0 else { return nil }
        return best.0
    }
}
