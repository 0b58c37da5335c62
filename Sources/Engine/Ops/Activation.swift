import KernelSupport

/// An element-wise non-linearity (declared with the kernels, which apply it in their epilogues).
public typealias Activation = KernelSupport.Activation

extension Activation {
    /// The activation of one value, computed as the selected kernel variant computes it.
    func apply(_ x: Float) -> Float {
        var value = x
        KernelVariant.selected.kernels.activate(self, &value, 1)
        return value
    }
}
