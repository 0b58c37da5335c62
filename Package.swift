// swift-tools-version:6.0
import PackageDescription

/// Kernels are built for the CPU that builds them (AVX-512/FMA on the development machine), as
/// native-code inference engines commonly are: without a target CPU, Swift's SIMD types compile to
/// SSE2 and `addProduct` to a libm call per lane. The engine is optimised in debug builds too, so
/// that `swift test` runs real-size layers in seconds rather than minutes; so is the explorer,
/// whose redraw at 200x60 takes ~0.5 ms optimised and ~10 ms not (the budget is 5 ms).
let nativeCodegen: [SwiftSetting] = [
    .unsafeFlags(["-Xcc", "-march=native", "-Xcc", "-fno-math-errno"]),
]
let alwaysOptimised: [SwiftSetting] = [
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]

let package = Package(
    name: "alexnet-tui",
    // Linux only (built and tested on x86-64), so no Apple platform is claimed: the terminal shim
    // includes <ncursesw/curses.h>, which macOS names <curses.h>, Synchronization's Atomic needs
    // macOS 15, and no one has built or run the package there.
    products: [
        .executable(name: "alexnet-tui", targets: ["alexnet-tui"]),
        .library(name: "Engine", targets: ["Engine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "Engine", dependencies: ["CImageDecoders"], swiftSettings: nativeCodegen + alwaysOptimised),
        /// libjpeg-turbo and libpng for the JPEG and PNG readers, their fatal errors caught in C
        /// (see its header).
        .target(name: "CImageDecoders"),
        .target(name: "Profiling", dependencies: ["Engine"]),
        .target(name: "Explorer", dependencies: ["Engine", "Profiling"], swiftSettings: nativeCodegen + alwaysOptimised),
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
        .executableTarget(name: "engine-bench", dependencies: ["Engine"], swiftSettings: nativeCodegen),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ProfilingTests", dependencies: ["Profiling", "Engine", "TestSupport"]),
        .testTarget(name: "ExplorerTests", dependencies: ["Explorer", "Engine", "Profiling", "TestSupport"],
                    resources: [.copy("Snapshots")]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ]
)
