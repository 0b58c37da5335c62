import CNcursesw
import Explorer

/// Turns a cell's foreground and background into an ncurses colour pair, allocating pairs on
/// demand (`init_extended_pair`, so past 255) and caching them for the current colour mode.
///
/// The app's `Palette` decides which terminal colour a role or an RGB value becomes; this only
/// adapts that number to the terminal that is open: truecolor (0xRRGGBB numbers) only on a
/// direct-colour entry (`*-direct`), where palette indices are converted to their xterm RGB
/// values; on other entries a mode the terminal lacks falls to the next one down.
struct ColorPairs {
    /// Colours and pairs the open terminal reports (`COLORS`, `COLOR_PAIRS`); 0 without colour.
    let terminalColors: Int
    let terminalPairs: Int
    /// The entry takes 24-bit colour numbers.
    let direct: Bool

    private(set) var mode: ColorMode
    private var palette: Palette
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1

    private struct PairKey: Hashable {
        let foreground: CellColor
        let background: CellColor
    }

    init(terminalColors: Int, terminalPairs: Int, direct: Bool, mode: ColorMode) {
        self.terminalColors = terminalColors
        self.terminalPairs = terminalPairs
        self.direct = direct
        self.mode = mode
        self.palette = Palette(mode: ColorPairs.paletteMode(for: mode, direct: direct, colors: terminalColors))
    }

    /// The pair for these colours: 0 (terminal defaults) when colour is off or both are default;
    /// nil when every pair the terminal has is taken (the caller resets and repaints).
    mutating func pair(foreground: CellColor, background: CellColor) -> Int32? {
        guard terminalColors >= 8, mode != .ascii else { return 0 }
        if foreground == .terminalDefault, background == .terminalDefault { return 0 }
        let key = PairKey(foreground: foreground, background: background)
        if let pair = pairs[key] { return pair }
        guard Int(nextPair) < terminalPairs else { return nil }
        let pair = nextPair
        guard init_extended_pair(pair, terminalColor(foreground), terminalColor(background)) == OK else { return 0 }
        nextPair += 1
        pairs[key] = pair
        return pair
    }

    /// Forgets every pair (ncurses' too), for a new colour mode or when all pairs are taken.
    mutating func reset(mode: ColorMode) {
        if terminalColors >= 8 { reset_color_pairs() }
        pairs.removeAll(keepingCapacity: true)
        nextPair = 1
        self.mode = mode
        palette = Palette(mode: ColorPairs.paletteMode(for: mode, direct: direct, colors: terminalColors))
    }

    /// The palette that fits the terminal: truecolor needs a direct-colour entry, 256 colours a
    /// terminal that has them; otherwise the next mode down.
    private static func paletteMode(for mode: ColorMode, direct: Bool, colors: Int) -> ColorMode {
        switch mode {
        case .trueColor where direct: .trueColor
        case .trueColor, .palette256: colors >= 256 || direct ? .palette256 : .palette16
        case .palette16, .ascii: mode
        }
    }

    /// A colour number for ncurses, -1 for the terminal's default.
    private func terminalColor(_ color: CellColor) -> Int32 {
        guard let number = palette.terminalColor(color), number >= 0 else { return -1 }
        guard direct else { return Int(number) < terminalColors ? number : number % 8 }
        // Direct entries read numbers below 8 as the ANSI colours and everything else as RGB.
        if palette.mode == .trueColor { return max(number, 8) }   // 0x000000-0x000007: near black
        return number < 8 ? number : XtermColors.rgb(ofIndex: Int(number))
    }
}

/// The xterm 256-colour table, for terminals that take RGB numbers instead of indices.
enum XtermColors {
    private static let system: [Int32] = [
        0x000000, 0xCD0000, 0x00CD00, 0xCDCD00, 0x0000EE, 0xCD00CD, 0x00CDCD, 0xE5E5E5,
        0x7F7F7F, 0xFF0000, 0x00FF00, 0xFFFF00, 0x5C5CFF, 0xFF00FF, 0x00FFFF, 0xFFFFFF,
    ]
    private static let cubeLevels: [Int32] = [0, 95, 135, 175, 215, 255]

    /// 0xRRGGBB of palette entry `index` (0...255).
    static func rgb(ofIndex index: Int) -> Int32 {
        switch index {
        case ..<16: return system[max(index, 0)]
        case 16..<232:
            let cube = index - 16
            return cubeLevels[cube / 36] << 16 | cubeLevels[cube / 6 % 6] << 8 | cubeLevels[cube % 6]
        default:
            let level = Int32(8 + 10 * (min(index, 255) - 232))
            return level << 16 | level << 8 | level
        }
    }
}
