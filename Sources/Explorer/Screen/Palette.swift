/// How many colours the explorer draws with; the front end picks the richest its terminal reports,
/// and `c` steps down from there.
public enum ColorMode: String, CaseIterable, Sendable {
    case trueColor, palette256, palette16, ascii

    /// Heat-maps and images are drawn with colours (half blocks), not with a character ramp.
    public var usesColor: Bool { self != .ascii }

    /// A short name for the status line and help.
    public var label: String {
        switch self {
        case .trueColor: "truecolor"
        case .palette256: "256 colours"
        case .palette16: "16 colours"
        case .ascii: "ASCII"
        }
    }
}

/// The one place where semantic roles and exact colours become terminal colour numbers.
///
/// Numbers per mode: `.trueColor` gives `0xRRGGBB` (ncurses direct-colour convention);
/// `.palette256` an xterm palette index, using only the stable 6x6x6 cube and grey ramp (16–255)
/// for data so the user's theme does not change a heat-map; `.palette16` an ANSI index 0–15;
/// `.ascii` drops every colour (nil = the terminal's default).
public struct Palette: Sendable {
    public let mode: ColorMode

    public init(mode: ColorMode) { self.mode = mode }

    /// The terminal colour for `color`, or nil for the terminal's default.
    public func terminalColor(_ color: CellColor) -> Int32? {
        switch color {
        case .terminalDefault:
            return nil
        case .role(let role):
            guard let spec = Self.roleColors[role] ?? nil else { return nil }
            switch mode {
            case .trueColor: return Self.packed(spec.rgb)
            case .palette256: return spec.index256
            case .palette16: return spec.index16
            case .ascii: return nil
            }
        case let .rgb(r, g, b):
            switch mode {
            case .trueColor: return Self.packed((r, g, b))
            case .palette256: return Self.nearest256(r, g, b)
            case .palette16: return Self.nearest16(r, g, b)
            case .ascii: return nil
            }
        }
    }

    /// The exact colour a role stands for (nil: the terminal's default), for truecolor previews.
    public func rgb(for role: ColorRole) -> (UInt8, UInt8, UInt8)? {
        (Self.roleColors[role] ?? nil)?.rgb
    }

    // MARK: - Reduction of exact colours

    /// Channel levels of the xterm 6x6x6 colour cube (indices 16–231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The xterm-256 index (16–255) nearest to an exact colour: the nearer of the best cube
    /// colour and the best grey (232–255, levels 8, 18, …, 238), by squared RGB distance.
    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int32 {
        let (ri, gi, bi) = (cubeIndex(Int(r)), cubeIndex(Int(g)), cubeIndex(Int(b)))
        let cube = (cubeLevels[ri], cubeLevels[gi], cubeLevels[bi])
        let cubeDistance = distance((Int(r), Int(g), Int(b)), cube)
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = min(max((average - 3) / 10, 0), 23)
        // The nearest grey level is one of two neighbours of the average.
        var bestGrey = greyStep, bestGreyDistance = Int.max
        for step in [greyStep, min(greyStep + 1, 23)] {
            let level = 8 + 10 * step
            let d = distance((Int(r), Int(g), Int(b)), (level, level, level))
            if d < bestGreyDistance { bestGrey = step; bestGreyDistance = d }
        }
        if bestGreyDistance < cubeDistance { return Int32(232 + bestGrey) }
        return Int32(16 + 36 * ri + 6 * gi + bi)
    }

    /// xterm's default RGB for the 16 ANSI colours, the reference for `nearest16`.
    static let ansi16: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The ANSI index (0–15) nearest to an exact colour, by squared RGB distance to xterm's defaults.
    public static func nearest16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int32 {
        var best = 0, bestDistance = Int.max
        for (index, color) in ansi16.enumerated() {
            let d = distance((Int(r), Int(g), Int(b)), color)
            if d < bestDistance { best = index; bestDistance = d }
        }
        return Int32(best)
    }

    private static func cubeIndex(_ value: Int) -> Int {
        // Midpoints between the levels 0, 95, 135, 175, 215, 255.
        if value < 48 { return 0 }
        if value < 115 { return 1 }
        return min((value - 115) / 40 + 2, 5)
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr + dg * dg + db * db
    }

    private static func packed(_ rgb: (UInt8, UInt8, UInt8)) -> Int32 {
        Int32(rgb.0) << 16 | Int32(rgb.1) << 8 | Int32(rgb.2)
    }

    // MARK: - Roles

    struct RoleColor {
        let rgb: (UInt8, UInt8, UInt8)
        let index256: Int32
        let index16: Int32
    }

    /// Role colours chosen per mode by hand (not by nearest match) so 16-colour terminals get the
    /// conventional ANSI colour for each meaning; nil keeps the terminal's own text colour.
    static let roleColors: [ColorRole: RoleColor?] = [
        .text: nil,
        .dim: RoleColor(rgb: (128, 128, 128), index256: 244, index16: 8),
        .accent: RoleColor(rgb: (95, 175, 255), index256: 75, index16: 6),
        .highlight: RoleColor(rgb: (255, 215, 95), index256: 221, index16: 11),
        .selection: RoleColor(rgb: (0, 95, 135), index256: 24, index16: 4),
        .warning: RoleColor(rgb: (255, 175, 0), index256: 214, index16: 3),
        .error: RoleColor(rgb: (255, 95, 95), index256: 203, index16: 9),
        .border: RoleColor(rgb: (88, 88, 88), index256: 240, index16: 8),
        .title: RoleColor(rgb: (135, 215, 255), index256: 117, index16: 14),
        .good: RoleColor(rgb: (135, 215, 95), index256: 113, index16: 10),
    ]
}
