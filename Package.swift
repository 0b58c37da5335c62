// swift-tools-version:6.0
import PackageDescription

/// The engine's hot loops are compiled once per instruction set, each variant a target of its own
/// (`Sources/Kernels/<variant>`, the shared sources symlinked from `Sources/Kernels/Shared`), and
/// the engine picks the best the CPU has at start-up: a SwiftPM target's `-Xcc` flags decide what
/// its Swift SIMD code compiles to. Everything else is built for any CPU of the architecture.
/// `-fno-math-errno` lets `squareRoot()` of a vector be one instruction instead of a libm call
/// per lane. The engine and kernels are optimised in debug builds too, so that `swift test` runs
/// real-size layers in seconds rather than minutes; so is the explorer, whose redraw at 200x60
/// takes ~0.5 ms optimised and ~10 ms not (the budget is 5 ms).
func kernelCodegen(_ flags: [String]) -> [SwiftSetting] {
    [.unsafeFlags(flags.flatMap { ["-Xcc", $0] } + ["-Xcc", "-fno-math-errno"])] + alwaysOptimised
}
let alwaysOptimised: [SwiftSetting] = [
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]

/// The kernel variants: generic everywhere; AVX2 + FMA and AVX-512 on x86-64 only. The AVX-512
/// one is built for the x86-64-v4 level (AVX-512 F, VL, BW, DQ, CD: every AVX-512 CPU but Xeon
/// Phi): with `-mavx512f` alone the compiler allotted its Swift SIMD code only zmm0-15, and the
/// GEMM's 16 accumulators spilled four of them to the stack at every step (objdump), which made
/// every convolution 15-25% slower (measured on Zen 4).
var kernelTargets: [Target] = [
    .target(name: "KernelsGeneric", dependencies: ["KernelSupport", "KernelIntrinsics"], path: "Sources/Kernels/Generic",
            swiftSettings: kernelCodegen([])),
]
#if arch(x86_64)
kernelTargets += [
    .target(name: "KernelsAVX2", dependencies: ["KernelSupport", "KernelIntrinsics"], path: "Sources/Kernels/AVX2",
            swiftSettings: kernelCodegen(["-mavx2", "-mfma"])),
    .target(name: "KernelsAVX512", dependencies: ["KernelSupport", "KernelIntrinsics"], path: "Sources/Kernels/AVX512",
            swiftSettings: kernelCodegen(["-march=x86-64-v4"])),
]
#endif

let package = Package(
    name: "alexnet-tui",
    // Linux only (built and tested on x86-64), so no Apple platform is claimed: the terminal shim
    // includes <ncursesw/curses.h>, which macOS names <curses.h>, Synchronization's Atomic needs
    // macOS 15, and no one has built or run the package there.
    products: [
        .executable(name: "alexnet-tui", targets: ["alexnet-tui"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        /// CPUID, for choosing the kernel variant.
        .target(name: "CPUFeatures"),
        /// The types the kernel variants and the engine share (the table of kernels, packed matrices).
        .target(name: "KernelSupport", swiftSettings: alwaysOptimised),
        /// Cache prefetch for the kernels and cache eviction for the calibration (Swift has neither).
        .target(name: "KernelIntrinsics"),
        .target(name: "Engine", dependencies: ["CPUFeatures", "KernelSupport", "KernelIntrinsics", "CImageDecoders"]
                    + kernelTargets.map { .target(name: $0.name) },
                swiftSettings: alwaysOptimised),
        /// libjpeg-turbo and libpng for the JPEG and PNG readers, their fatal errors caught in C
        /// (see its header).
        .target(name: "CImageDecoders"),
        .target(name: "Profiling", dependencies: ["Engine"]),
        .target(name: "Explorer", dependencies: ["Engine", "Profiling"],
                /// The built-in lesson, compiled into the binary (no resource bundle to ship beside it).
                resources: [.embedInCode("Lessons/tour.lesson")],
                swiftSettings: alwaysOptimised),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        /// The SIGBUS handler that reports a file which shrank while mapped (see its header).
        .target(name: "CFileFaults"),
        .executableTarget(
            name: "alexnet-tui",
            dependencies: [
                "Engine", "Profiling", "Explorer", "CNcursesw", "CFileFaults",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["Engine"]),
        /// Per-layer kernel timings on the presets' shapes (not a test): `swift run -c release engine-bench`.
        .executableTarget(name: "engine-bench", dependencies: ["Engine"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "KernelSupport", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ProfilingTests", dependencies: ["Profiling", "Engine", "TestSupport"]),
        .testTarget(name: "ExplorerTests", dependencies: ["Explorer", "Engine", "Profiling", "TestSupport"],
                    resources: [.copy("Snapshots")]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ] + kernelTargets
)
