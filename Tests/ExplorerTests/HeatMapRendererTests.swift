import Engine
import Testing
@testable import Explorer

@Suite struct HeatMapRendererTests {
    /// A `[h, w, 1]` plane holding `values` row by row.
    func plane(_ values: [Float], height: Int, width: Int) -> Plane {
        Plane(channel: 0, of: Tensor(shape: Shape(height, width, 1), values: values))
    }

    @Test func valueScaleMapsRangeLinearlyAndClamps() {
        let scale = ValueScale(low: 0, high: 3)
        #expect(scale.level(0, levels: 256) == 0)
        #expect(scale.level(1, levels: 256) == 85)    // 1/3 * 256 = 85.3
        #expect(scale.level(2, levels: 256) == 170)   // 2/3 * 256 = 170.7
        #expect(scale.level(3, levels: 256) == 255)   // the top edge is the last level
        #expect(scale.level(-5, levels: 10) == 0)
        #expect(scale.level(9, levels: 10) == 9)
        #expect(scale.level(.nan, levels: 10) == nil)
        #expect(scale.level(-.infinity, levels: 10) == nil)
    }

    @Test func constantRangeMapsToTheFirstLevelWithoutDividingByZero() {
        let scale = ValueScale(low: 0.5, high: 0.5)
        #expect(scale.level(0.5, levels: 256) == 0)
        #expect(scale.level(7, levels: 256) == 0)
    }

    @Test(arguments: [
        // source w, h, space w, h -> fitted w, h
        ((55, 55, 52, 30), (30, 30)), ((16, 12, 52, 30), (40, 30)), ((16, 12, 20, 40), (20, 15)),
        ((224, 224, 127, 80), (80, 80)), ((1, 1, 5, 3), (3, 3)), ((100, 1, 10, 10), (10, 1)),
    ] as [((Int, Int, Int, Int), (Int, Int))])
    func fitKeepsAspectRatio(input: (Int, Int, Int, Int), expected: (Int, Int)) {
        let fit = AspectFit(sourceWidth: input.0, sourceHeight: input.1, maxWidth: input.2, maxHeight: input.3)
        #expect(fit.width == expected.0 && fit.height == expected.1)
    }

    @Test func colourCellsCarryTopPixelInForegroundAndBottomInBackground() {
        var buffer = ScreenBuffer(width: 2, height: 1)
        let drawn = HeatMapRenderer(theme: Theme(mode: .trueColor))
            .draw(plane([0, 1, 2, 3], height: 2, width: 2), scale: ValueScale(low: 0, high: 3), into: &buffer,
                  in: Rect(x: 0, y: 0, width: 2, height: 1))
        #expect(drawn == Rect(x: 0, y: 0, width: 2, height: 1))
        // Level 0 is viridis' first stop; level 170 is 5.33/8 of the way: between stops 5
        // (39, 173, 129) and 6 (92, 200, 99) at t = 1/3 -> (57, 182, 119).
        #expect(buffer[0, 0] == Cell("▀", foreground: .rgb(68, 1, 84), background: .rgb(57, 182, 119)))
        #expect(buffer[1, 0].foreground == ColorMap.viridis.color(index: 85))
        #expect(buffer[1, 0].background == .rgb(253, 231, 37))
    }

    @Test func enlargingRepeatsSourcePixels() {
        var buffer = ScreenBuffer(width: 4, height: 2)
        HeatMapRenderer(theme: Theme(mode: .trueColor))
            .draw(plane([0, 1, 2, 3], height: 2, width: 2), scale: ValueScale(low: 0, high: 3), into: &buffer,
                  in: Rect(x: 0, y: 0, width: 4, height: 2))
        let first = ColorMap.viridis.color(index: 0), last = ColorMap.viridis.color(index: 255)
        #expect(buffer[1, 0] == Cell("▀", foreground: first, background: first))
        #expect(buffer[3, 1] == Cell("▀", foreground: last, background: last))
    }

    @Test func asciiCellsUseTheRampOnTheMeanOfTwoPixels() {
        var buffer = ScreenBuffer(width: 2, height: 1)
        HeatMapRenderer(theme: Theme(mode: .ascii))
            .draw(plane([0, 1, 2, 3], height: 2, width: 2), scale: ValueScale(low: 0, high: 3), into: &buffer,
                  in: Rect(x: 0, y: 0, width: 2, height: 1))
        // Means 1 and 2 of the range 0...3: levels 3 and 6 of the ten-step ramp " .:-=+*#%@".
        #expect(buffer.lines == ["-*"])
    }

    @Test func nonFiniteValuesAreDrawnDistinctly() {
        let values: [Float] = [.nan, 1, .infinity, 2]
        var colour = ScreenBuffer(width: 2, height: 1), ascii = ScreenBuffer(width: 2, height: 1)
        let area = Rect(x: 0, y: 0, width: 2, height: 1)
        HeatMapRenderer(theme: Theme(mode: .trueColor))
            .draw(plane(values, height: 2, width: 2), scale: ValueScale(low: 1, high: 2), into: &colour, in: area)
        HeatMapRenderer(theme: Theme(mode: .ascii))
            .draw(plane(values, height: 2, width: 2), scale: ValueScale(low: 1, high: 2), into: &ascii, in: area)
        #expect(colour[0, 0].foreground == ColorMap.nonFinite)
        #expect(colour[1, 0].foreground != ColorMap.nonFinite && colour[1, 0].background != ColorMap.nonFinite)
        // Column 1: mean of 1 and 2 is the middle of the range, level 5 ("+").
        #expect(ascii.lines == ["!+"])
    }

    @Test func constantChannelDrawsWithoutTrouble() {
        var buffer = ScreenBuffer(width: 3, height: 2)
        HeatMapRenderer(theme: Theme(mode: .ascii))
            .draw(plane(Array(repeating: 4, count: 9), height: 3, width: 3), scale: ValueScale(low: 4, high: 4),
                  into: &buffer, in: Rect(x: 0, y: 0, width: 3, height: 2))
        #expect(buffer.lines == ["   ", "   "])
    }
}
