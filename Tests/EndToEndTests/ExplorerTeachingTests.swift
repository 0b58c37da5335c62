import Foundation
import Testing
import TestSupport

extension ExplorerEndToEndTests {
    /// Issue 6's teaching features in the real binary: each reached by its key on `seed`.
    @Suite struct ExplorerTeachingTests {
        @Test("cursor and receptive field, arithmetic, before ReLU, ranking, filters, exports, scales, occlusion, --init, dense arithmetic")
        func everyTeachingFeature() throws {
            // Exports land in the working directory: a fresh one, removed afterwards.
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alexnet-tui-teaching-\(getpid())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let session = try TmuxSession(arguments: [try binary(), packageRoot + "/samples/chelsea.ppm"],
                                          environment: userTerminal, width: 160, height: 48,
                                          workingDirectory: directory.path)
            defer { session.close() }
            try settle(session)

            // conv1 of seed is 11x11/4 SAME on 224 (3 rows of padding on top): the cursor starts
            // at (28, 28); one row up, cell (27, 28) sees rows -3 + 27*4 = 105 to 115.
            try session.send("x")
            var screen = try session.waitFor("sees input y")
            #expect(screen.contains("rf/step"))
            #expect(screen.split(separator: "\n").contains { $0.hasPrefix("▸conv1") && $0.contains("11/4") })
            try session.send("Up")
            try session.waitFor("sees input y 105…115, x 109…119 (11x11, step 4)")
            try session.send("i")
            // An 11-pixel box is a few cells: its corners are full blocks, which the image never
            // uses. (Waited for, not read once: the capture can catch the frame half painted.)
            try session.waitForScreen("the receptive field boxed on the input") { screen in
                guard let image = screen.components(separatedBy: "conv1 y 27 x 28 sees input").dropFirst().first else {
                    return false
                }
                return image.filter { $0 == "█" }.count == 4
            }
            try session.send("i")
            try session.waitForScreen("the map again") { !$0.contains("conv1 y 27 x 28 sees input") }

            try session.send("a")
            screen = try session.waitFor("the map shows")
            #expect(screen.contains("+ 363 products"), "conv1 sums 11*11*3 products:\n\(screen)")
            #expect(!screen.contains("differs"))
            try session.send("a")
            try session.waitForScreen("the map again") { !$0.contains("the map shows") }

            try session.send("b")
            // The panel says what ReLU zeroes at once; the map follows when the values before it
            // are computed (seconds on a loaded machine): wait for the map.
            screen = try session.waitFor("before ReLU  ch 0 of 96")
            #expect(screen.contains("ReLU set to zero"))
            try session.send("b")
            try session.waitForScreen("values after ReLU") { !$0.contains("ReLU set to zero") }
            try session.send("n")
            try session.waitFor("#1 by mean")
            try session.send("w")
            try session.waitFor("96 filters 11x11 RGB")
            try session.send("w")
            try session.waitForScreen("the map again") { !$0.contains("96 filters 11x11 RGB") }

            try session.send("e")
            try session.waitFor("saved conv1 56x56x96 float32 to \(directory.path)")
            let npy = try Data(contentsOf: directory.appendingPathComponent("seed-conv1.npy"))
            #expect(npy.starts(with: [0x93] + Array("NUMPY".utf8)) && npy.count == 128 + 56 * 56 * 96 * 4)
            try session.send("p")
            try session.waitFor("saved 448x448 picture")
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("seed-conv1-ch").path
                                                   + "\(try Self.channel(session)).ppm"))

            try session.send("g")
            try session.waitFor("activation std per layer")
            try session.send("o")
            try session.waitFor("top class", timeout: 180)
            try session.waitFor("p falls (red)")

            try session.send("G")
            screen = try session.waitFor("weights redrawn", timeout: 120)
            #expect(screen.split(separator: "\n").first?.contains("truncated-normal-0.1") == true)

            // One dense neuron's sum: fc6 reads norm5 (7x7x384) flattened HWC; fc8 starts on the top class.
            try session.send("End")
            try session.send("a")
            screen = try session.waitFor("the engine gives", timeout: 120)
            #expect(screen.contains("fc8 neuron") && screen.contains("+ 4096 products"), "fc8:\n\(screen)")
            try session.send("h", "h", "h", "h")
            screen = try session.waitFor("x = norm5 7x7x384 flattened HWC", timeout: 120)
            #expect(screen.contains("fc6 neuron") && screen.contains("+ 18816 products") && !screen.contains("differs"),
                    "fc6:\n\(screen)")

            try session.send("q")
            try expectExit(session, status: 0)
        }

        /// The channel the map shows (`ch N of 96`), read off the screen.
        static func channel(_ session: TmuxSession) throws -> Int {
            let screen = try session.screen()
            guard let range = screen.range(of: #"ch \d+ of 96"#, options: .regularExpression) else { return 0 }
            return Int(screen[range].split(separator: " ")[1]) ?? 0
        }
    }
}
