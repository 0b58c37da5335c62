import Foundation
import Testing
import TestSupport

extension ExplorerEndToEndTests {
    /// Issue 14 in the real binary on `seed`: warm medians appear by themselves, beside the first
    /// run, and the roofline view names the binding ceiling and lists every computed layer.
    @Suite struct ExplorerRooflineTests {
        @Test func warmMedianThenRooflineOfEveryComputedLayer() throws {
            let session = try launch(["samples/chelsea.ppm"], width: 160, height: 48)
            defer { session.close() }
            try settle(session)
            try session.send("Right", "Right", "Right")
            try session.waitForScreen("conv2 computed") { screen in
                screen.split(separator: "\n").contains { $0.hasPrefix("▸conv2") && $0.contains("ms") }
            }
            // Within 2 s of conv2's first run: a median marked `~` in the list (explained under
            // it), the panel's time a median with the first run beside it.
            let started = Date()
            let screen = try session.waitForScreen("conv2's warm median", timeout: 2) { screen in
                screen.split(separator: "\n").contains { $0.hasPrefix("▸conv2") && $0.contains("~") }
                    && screen.contains("first run")
            }
            #expect(Date().timeIntervalSince(started) <= 2)
            #expect(screen.contains("~ warm median"))
            #expect(screen.contains("warm run") || screen.contains("median of"), "\(screen)")

            try session.send("R")
            try session.waitForScreen("conv2's binding ceiling", timeout: 30) { screen in
                screen.contains("conv2: compute-bound, ") || screen.contains("conv2: memory-bound, ")
            }
            try session.send("End")
            // Every layer computed and in the roofline's list: name, roof (FMA or mem), share.
            let names = ["conv1", "pool1", "norm1", "conv2", "pool2", "norm2", "conv3", "conv4", "conv5", "pool5",
                         "norm5", "flatten", "fc6", "drop6", "fc7", "drop7", "fc8"]
            let listed = try session.waitForScreen("every layer in the roofline's list", timeout: 60) { screen in
                names.allSatisfy { name in
                    screen.range(of: " \(name) +(FMA|mem) +(<1|[0-9]+)%", options: .regularExpression) != nil
                }
            }
            #expect(listed.contains("fc8: "), "the current layer named:\n\(listed)")
            try session.send("q")
        }
    }
}
