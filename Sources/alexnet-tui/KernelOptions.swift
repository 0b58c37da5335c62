import ArgumentParser
import Engine

/// `--kernels`: which instruction set the engine's kernels run on.
struct KernelOptions: ParsableArguments {
    /// `auto` or a variant's name.
    enum Choice: String, CaseIterable, ExpressibleByArgument {
        case auto, generic, avx2, avx512

        var variant: KernelVariant? { KernelVariant(rawValue: rawValue) }
    }

    @Option(help: ArgumentHelp("Kernels: auto (the best this CPU runs), generic (any x86-64), avx2 (AVX2 + FMA) or avx512 (AVX-512 F, VL, BW, DQ, CD).",
                               valueName: "set"))
    var kernels: Choice = .auto

    func validate() throws {
        if let variant = kernels.variant, !KernelVariant.supported.contains(variant) {
            let supported = KernelVariant.supported.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--kernels \(variant): this CPU runs \(supported) only")
        }
    }

    /// Makes the choice the engine's, before any layer is built.
    func select() {
        if let variant = kernels.variant { KernelVariant.select(variant) }
    }
}
