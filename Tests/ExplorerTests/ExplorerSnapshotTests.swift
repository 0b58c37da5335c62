import Engine
import Testing
@testable import Explorer

/// Every view at 80x24 and 160x48, in colour (with styles) and ASCII, against committed files.
@Suite struct ExplorerSnapshotTests {
    /// Keys that lead from a fresh explorer (conv1 computed) to each view.
    static let scenes: [(name: String, keys: [Key])] = [
        ("map", [.down, .down]),                        // conv1, channel 2: holds a NaN and an infinity
        ("map-per-layer", [.down, .character("s")]),
        ("grid", [.tab, .pageDown]),                    // cursor on the last channel
        ("layer-unused", [.right, .right]),             // conv2: computed, nothing reads it
        ("vector", [.end, .left]),                      // fc1
        ("topk", [.end]),                               // fc2: logits -> softmax
        ("input", [.character("i")]),
        ("timing", [.end, .character("t")]),
        ("timing-medians", [.end, .character("t"), .character("r")]),
        ("help", [.character("?")]),
        ("roofline", [.end, .left, .character("R")]),  // fc1, every layer computed and timed again
    ]

    static let sizes = [(80, 24), (160, 48)]

    @Test(arguments: scenes.map(\.name))
    func viewMatchesSnapshotInColourAndASCII(scene: String) throws {
        let keys = Self.scenes.first { $0.name == scene }!.keys
        for mode in [ColorMode.trueColor, .ascii] {
            let app = try TestNetwork.app(colorMode: mode)
            for key in keys { app.press(key) }
            for (width, height) in Self.sizes {
                let colour = mode == .ascii ? "ascii" : "color"
                assertSnapshot(app.render(width: width, height: height), named: "\(scene)-\(width)x\(height)-\(colour)",
                               includeStyles: mode != .ascii)
            }
        }
    }

    /// The same screens on a network of real engine layers: their summaries, costs and values.
    @Test(arguments: [("ops-map", [Key.right, .left, .down]), ("ops-topk", [.end]), ("ops-vector", [.end, .left])])
    func engineLayersMatchSnapshot(scene: String, keys: [Key]) throws {
        for mode in [ColorMode.trueColor, .ascii] {
            let app = try TestNetwork.app(colorMode: mode, usingOps: true)
            for key in keys { app.press(key) }
            assertSnapshot(app.render(width: 80, height: 24), named: "\(scene)-80x24-\(mode == .ascii ? "ascii" : "color")",
                           includeStyles: mode != .ascii)
        }
    }

    /// The teaching views, on engine layers (real weights to show, real sums to add up).
    static let teachingScenes: [(name: String, keys: [Key])] = [
        ("cursor", [.character("x"), .up, .left]),                   // conv1 map with the cell cursor
        ("cursor-input", [.right, .character("x"), .character("i")]),  // pool1's field as a box on the input
        ("arithmetic", [.character("a"), .down]),                     // conv1, cursor a row below the centre
        ("before-activation", [.character("b")]),                     // conv1 before ReLU
        ("before-activation-vector", [.end, .left, .character("b")]), // fc1 before tanh
        ("ranked", [.character("n"), .character("n")]),              // second strongest channel
        ("ranked-grid", [.character("m"), .character("n"), .tab]),   // strongest by max, in the grid
        ("filters-rgb", [.character("w"), .down]),                    // conv1's kernels
        ("filters-grey", [.right, .right, .character("w")]),          // conv2 filter 0 across 6 inputs
        ("filters-dense", [.end, .left, .character("w")]),            // fc1 weight histogram
        ("scales", [.end, .character("g")]),                          // std of every layer, log axis
        ("occlusion", [.character("o")]),                             // 10x14 squares over the input
    ]

    @Test(arguments: teachingScenes.map(\.name))
    func teachingViewMatchesSnapshot(scene: String) throws {
        let keys = Self.teachingScenes.first { $0.name == scene }!.keys
        for mode in [ColorMode.trueColor, .ascii] {
            let app = try TestNetwork.app(colorMode: mode, usingOps: true)
            for key in keys { app.press(key) }
            for (width, height) in Self.sizes {
                let colour = mode == .ascii ? "ascii" : "color"
                assertSnapshot(app.render(width: width, height: height), named: "\(scene)-\(width)x\(height)-\(colour)",
                               includeStyles: mode != .ascii)
            }
        }
    }

    @Test func tooSmallWindowAsksForMoreRoom() throws {
        let app = try TestNetwork.app()
        let buffer = app.render(width: 59, height: 20)
        assertSnapshot(buffer, named: "too-small-59x20-color", includeStyles: true)
        #expect(buffer.lines.contains { $0.contains("enlarge the window (need 60x16, have 59x20)") })
    }
}
