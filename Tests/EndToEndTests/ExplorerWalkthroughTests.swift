import Foundation
import Testing
import TestSupport

extension ExplorerEndToEndTests {
    /// A user's session on a sample: every layer stepped with the keys, the views, a resize, quit.
    @Suite struct ExplorerWalkthroughTests {
        /// torchvision's AlexNet as the `alexnet` preset lists it, with each layer's output shape
        /// for a 224x224 input (the paper's table, with PyTorch's 64/192 widths).
        static let alexnetLayers: [(name: String, shape: String)] = [
            ("conv1", "55x55x64"), ("pool1", "27x27x64"), ("conv2", "27x27x192"), ("pool2", "13x13x192"),
            ("conv3", "13x13x384"), ("conv4", "13x13x256"), ("conv5", "13x13x256"), ("pool5", "6x6x256"),
            ("avgpool", "6x6x256"), ("flatten", "9216"), ("drop6", "9216"), ("fc6", "4096"),
            ("drop7", "4096"), ("fc7", "4096"), ("fc8", "1000"),
        ]

        /// The layer the list marks as current (`▸name`), or nil.
        static func currentLayer(_ screen: String) -> String? {
            guard let line = screen.split(separator: "\n").first(where: { $0.hasPrefix("▸") }) else { return nil }
            return line.dropFirst().split(separator: " ").first.map(String.init)
        }

        static func line(_ screen: String, startingWith prefix: String) -> Substring? {
            screen.split(separator: "\n").first { $0.hasPrefix(prefix) }
        }

        @Test("step through every layer to fc8 with →, switch views, resize, quit with status 0")
        func walkthrough() throws {
            let session = try launch()
            defer { session.close() }
            var screen = try settle(session)
            let header = screen.split(separator: "\n").first ?? ""
            for part in ["alexnet", "random init", "samples/chelsea.ppm", "451x300"] {
                #expect(header.contains(part), "no \(part) in the header: \(header)")
            }
            #expect(Self.currentLayer(screen) == "conv1")

            // Every layer, in order, each computed on arrival: output shape and time in the list,
            // statistics in the detail panel.
            for (index, layer) in Self.alexnetLayers.enumerated() {
                if index > 0 {
                    try session.send("Right")
                    try session.waitForScreen("\(layer.name) to become current") { Self.currentLayer($0) == layer.name }
                    screen = try settle(session)
                }
                let listed = Self.line(screen, startingWith: "▸\(layer.name) ")
                #expect(listed?.contains(" \(layer.shape) ") == true, "\(layer.name) listed as: \(listed ?? "nothing")")
                // The first run (`1.23 ms`) or, once timed again, the warm median (`~1.23ms`).
                #expect(listed?.range(of: " ~?[0-9.]+ ?ms ", options: .regularExpression) != nil,
                        "\(layer.name) has no time: \(listed ?? "nothing")")
                for statistic in ["min ", "max ", "mean ", "std ", "zeros ", "non-finite "] {
                    #expect(screen.contains(statistic), "\(layer.name): no \(statistic)on\n\(screen)")
                }
                if layer.shape.contains("x") {
                    #expect(screen.contains("▀"), "\(layer.name): no heat-map on\n\(screen)")
                }
            }
            #expect(screen.contains("15/15 computed"))

            // fc8: the top-5 classes with labels and probabilities.
            #expect(screen.contains("top 5 of 1000 classes"), "fc8:\n\(screen)")
            for rank in 1...5 {
                let entry = screen.split(separator: "\n").first { $0.contains("│ \(rank). ") }
                #expect(entry?.contains("%") == true, "no top-K line \(rank) on\n\(screen)")
            }
            try session.send("Right")   // past the last layer: nothing changes
            #expect(try settle(session) == screen)

            // Back to conv1's heat-map; channels; the grid; the input; timing; help.
            try session.send("Home")
            try session.waitForScreen("conv1's map") { Self.currentLayer($0) == "conv1" && $0.contains("ch 0 of 64") }
            try session.send("Down")
            try session.waitFor("ch 1 of 64")
            try session.send("PageDown")
            try session.waitFor("ch 11 of 64")
            try session.send("Tab")
            try session.waitForScreen("the grid with its cursor") { $0.contains("[▀") }
            try session.send("i")
            try session.waitFor("input 224x224x3")
            try session.send("t")
            try session.waitFor("time per layer")
            try session.send("?")
            try session.waitFor("Esc: close")
            try session.send("Escape")
            try session.waitForScreen("help to close") { !$0.contains("Esc: close") }

            try session.send("q")
            try expectExit(session, status: 0)
        }

        @Test("colour modes cycle down to ASCII, where heat-maps use the character ramp")
        func colourCycle() throws {
            let session = try launch()
            defer { session.close() }
            try settle(session)
            #expect(try session.screen().contains("256 colours"))
            try session.send("c")
            try session.waitFor("16 colours")
            try session.send("c")
            let ascii = try session.waitFor("ASCII")
            #expect(!ascii.contains("▀"), "half blocks in ASCII mode:\n\(ascii)")
            #expect(asciiHeatMapRows(ascii) > 5, "no ASCII-ramp heat-map rows on\n\(ascii)")
            try session.send("q")
            try expectExit(session, status: 0)
        }

        @Test("resized to 80x24 and 200x60 the screen fits and keeps the layer; q then exits cleanly")
        func resizeAndQuit() throws {
            let session = try launch()
            defer { session.close() }
            try settle(session)
            try session.send("Right")
            try session.waitForScreen("pool1") { Self.currentLayer($0) == "pool1" }
            for (width, height) in [(80, 24), (200, 60), (120, 40)] {
                try session.resize(width: width, height: height)
                let screen = try session.waitForScreen("a \(width)x\(height) screen") { screen in
                    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                    return lines.count >= height && Self.currentLayer(screen) == "pool1"
                        && screen.contains("│ pool1 │")
                }
                #expect(!screen.contains("enlarge the window"), "at \(width)x\(height):\n\(screen)")
                #expect(screen.contains("pool1"))
            }
            try session.send("q")
            try expectExit(session, status: 0)
        }
    }
}
