import CPUFeatures
import KernelSupport
import KernelsGeneric
import Synchronization
#if canImport(KernelsAVX2)
import KernelsAVX2
#endif
#if canImport(KernelsAVX512)
import KernelsAVX512
#endif

/// The instruction sets the kernels are compiled for, one module each (`Sources/Kernels`), of
/// which one is picked once at start-up: the best this CPU has, or the one `select` forces. The
/// layers take the table of the variant selected when they are built; nothing else in the engine
/// asks which instruction set it runs on.
public enum KernelVariant: String, CaseIterable, Sendable, CustomStringConvertible {
    /// SSE2 on x86-64 (any x86-64 CPU), NEON on arm64.
    case generic
    /// AVX2 and FMA: 16 ymm registers.
    case avx2
    /// AVX-512 (the x86-64-v4 level: F, VL, BW, DQ, CD): 32 zmm registers.
    case avx512

    public var description: String { rawValue }

    /// The variants this CPU can run and this build holds, from the most portable to the fastest.
    public static let supported: [KernelVariant] = allCases.filter { $0.table != nil }

    /// The fastest supported variant.
    public static var best: KernelVariant { supported.last! }

    /// The variant layers built from now on use: `best` unless `select` chose another.
    public static var selected: KernelVariant { allCases[selection.load(ordering: .relaxed)] }

    /// Makes `variant` the one layers built from now on use; call it at start-up, before any
    /// layer is built. Returns false, changing nothing, when this CPU cannot run it.
    @discardableResult
    public static func select(_ variant: KernelVariant) -> Bool {
        guard supported.contains(variant) else { return false }
        selection.store(allCases.firstIndex(of: variant)!, ordering: .relaxed)
        return true
    }

    private static let selection = Atomic<Int>(allCases.firstIndex(of: best)!)

    /// The variant's kernels, or nil when this CPU lacks its instructions (or the build, on
    /// another architecture, does not hold it).
    var table: KernelTable? {
        switch self {
        case .generic:
            return KernelsGeneric.kernelTable
        case .avx2:
            #if canImport(KernelsAVX2)
            return cpu_features_avx2_fma() != 0 ? KernelsAVX2.kernelTable : nil
            #else
            return nil
            #endif
        case .avx512:
            #if canImport(KernelsAVX512)
            return cpu_features_x86_64_v4() != 0 ? KernelsAVX512.kernelTable : nil
            #else
            return nil
            #endif
        }
    }

    /// The table of a supported variant.
    var kernels: KernelTable { table! }
}
