import Foundation
import Testing
import TestSupport

extension ExplorerEndToEndTests {
    /// The command line's colour options reach the explorer.
    @Suite struct CommandLineColorOptionsTests {
        private static let sample = ["samples/chelsea.ppm", "--model", "alexnet"]

        /// Starts the explorer with `options`, steps to conv1's heat-map, and returns the screen
        /// as text and with its colour escapes.
        private func screens(_ options: [String], environment: [String: String] = userTerminal)
            throws -> (text: String, colored: String) {
            let session = try launch(Self.sample + options, environment: environment)
            defer { session.close() }
            // A blank screen is stable too while the weights are drawn: wait for the explorer first.
            try session.waitForScreen("the explorer to start") { $0.contains("conv1") }
            try settle(session)
            let result = (try session.screen(), try session.screenWithColors())
            try session.send("q")
            try expectExit(session, status: 0)
            return result
        }

        @Test(arguments: [["--ascii"], ["--no-color"], ["--color", "none"]])
        func asciiWithoutColours(options: [String]) throws {
            let (text, colored) = try screens(options)
            #expect(text.contains("conv1"))
            #expect(!text.contains("▀"), "half blocks with \(options):\n\(text)")
            #expect(!colored.contains("38;") && !colored.contains("48;"), "colour escapes with \(options)")
        }

        @Test func sixteenColoursUseNoPaletteOrRGBEscapes() throws {
            // On a 256-colour terminal; a direct-colour one (COLORTERM=truecolor) is painted with
            // the 16 colours' RGB values, which tmux reports as RGB escapes.
            let (text, colored) = try screens(["--color", "16"])
            #expect(text.contains("▀"), "no half blocks:\n\(text)")
            #expect(!colored.contains("38;5;") && !colored.contains("38;2;"), "256 or RGB colours with --color 16")
        }

        @Test func colorOptionNeverExceedsTheTerminal() throws {
            // tmux-256color without COLORTERM: no RGB, whatever is asked.
            let (_, colored) = try screens(["--color", "truecolor"])
            #expect(!colored.contains("38;2;"), "RGB escapes on a 256-colour terminal")
            #expect(colored.contains("38;5;"))
        }
    }
}
