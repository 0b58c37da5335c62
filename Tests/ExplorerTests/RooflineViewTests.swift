import Testing
@testable import Explorer

struct RooflineViewTests {
    /// The axes span whole decades around every value: 0.045 and 2 FLOP/B → 10^-2 … 10^1.
    @Test func axesSpanTheDecadesAroundTheValues() {
        #expect(RooflineView.decades([0.045, 2]) == -2...1)
        #expect(RooflineView.decades([10, 100]) == 1...2)
        #expect(RooflineView.decades([7]) == 0...1)
    }

    @Test func decadesAreLabelledPlainlyWhereShort() {
        #expect((-3...5).map(RooflineView.decadeLabel) == ["1e-3", "0.01", "0.1", "1", "10", "100", "1000", "10000", "1e5"])
    }

    /// fc1 of the test network: 32 x 27 multiply-adds (1728 FLOPs) over 9248 weights + 288 in +
    /// 32 out floats (38 272 B) is 0.045 FLOP/B, under the test ceilings' ridge of 2: memory-bound.
    @Test func currentLayerIsNamedWithItsBindingCeiling() throws {
        let app = try TestNetwork.app(colorMode: .ascii)
        app.press(.end, .left, .character("R"))
        let frame = app.frame
        let line = RooflineView(frame: frame).currentLine(RooflineView(frame: frame).points(TestNetwork.ceilings))
        #expect(line.hasPrefix("fc1: memory-bound, "), "\(line)")
        let cost = frame.cost(4)
        #expect(cost.trafficBytes == 38_272 && cost.performedFlops == 1728)
    }

    /// At the smallest screen the explorer draws (60x16) the plot has no room: the view says so
    /// and how to make some, where it was blank below its title.
    @Test func aScreenTooSmallForThePlotSaysSo() throws {
        let app = try TestNetwork.app(colorMode: .ascii)
        app.press(.end, .character("R"))
        let small = app.render(width: 60, height: 16).lines.joined(separator: "\n")
        #expect(small.contains("no room for the plot"))
        let large = app.render(width: 120, height: 40).lines.joined(separator: "\n")
        #expect(!large.contains("no room for the plot") && large.contains("GFLOP/s"))
        app.press(.character("f"))
        #expect(!app.render(width: 60, height: 16).lines.joined(separator: "\n").contains("no room for the plot"))
    }
}
