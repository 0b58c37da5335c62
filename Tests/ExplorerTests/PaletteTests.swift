import Testing
@testable import Explorer

@Suite struct PaletteTests {
    /// Hand-checked against the xterm 256-colour table: cube levels 0, 95, 135, 175, 215, 255 at
    /// 16 + 36r + 6g + b; greys 8 + 10k at 232 + k.
    @Test(arguments: [
        ((255, 0, 0), 196), ((0, 0, 0), 16), ((255, 255, 255), 231), ((95, 135, 175), 67),
        ((128, 128, 128), 244), ((8, 8, 8), 232), ((238, 238, 238), 255), ((100, 140, 170), 67),
        ((68, 1, 84), 53),
    ] as [((Int, Int, Int), Int32)])
    func exactColourMapsToNearestXterm256(rgb: (Int, Int, Int), index: Int32) {
        #expect(Palette.nearest256(UInt8(rgb.0), UInt8(rgb.1), UInt8(rgb.2)) == index)
    }

    /// Nearest of xterm's default 16 colours.
    @Test(arguments: [
        ((255, 0, 255), 13), ((200, 0, 0), 1), ((0, 0, 0), 0), ((120, 120, 120), 8), ((250, 250, 250), 15),
        ((0, 0, 230), 4), ((253, 231, 37), 11),
    ] as [((Int, Int, Int), Int32)])
    func exactColourMapsToNearestAnsi16(rgb: (Int, Int, Int), index: Int32) {
        #expect(Palette.nearest16(UInt8(rgb.0), UInt8(rgb.1), UInt8(rgb.2)) == index)
    }

    @Test func eachModeReducesExactColoursItsOwnWay() {
        let color = CellColor.rgb(255, 0, 0)
        #expect(Palette(mode: .trueColor).terminalColor(color) == 0xFF0000)
        #expect(Palette(mode: .trueColor).terminalColor(.rgb(1, 2, 3)) == 0x010203)
        #expect(Palette(mode: .palette256).terminalColor(color) == 196)
        #expect(Palette(mode: .palette16).terminalColor(color) == 9)
        #expect(Palette(mode: .ascii).terminalColor(color) == nil)
    }

    @Test func rolesUseHandPickedColoursAndAsciiDropsThem() {
        #expect(Palette(mode: .palette256).terminalColor(.role(.dim)) == 244)
        #expect(Palette(mode: .palette16).terminalColor(.role(.error)) == 9)
        #expect(Palette(mode: .trueColor).terminalColor(.role(.title)) == 0x87D7FF)
        for role in ColorRole.allCases {
            #expect(Palette(mode: .ascii).terminalColor(.role(role)) == nil)
        }
        for mode in ColorMode.allCases {
            #expect(Palette(mode: mode).terminalColor(.role(.text)) == nil)
            #expect(Palette(mode: mode).terminalColor(.terminalDefault) == nil)
        }
    }
}
