import CNcursesw
import Explorer
import Foundation

/// The ncurses screen: opened with `newterm`, painted from `ScreenBuffer`s, read for keys.
///
/// Its lifetime is explicit: `init` starts curses mode and `close` restores the terminal; the
/// event loop pairs them with `defer`, so no exit path depends on `deinit` running.
final class CursesScreen {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    /// Whether the locale can show characters beyond ASCII.
    let unicode: Bool
    private var colors: ColorPairs
    /// What is on the terminal now; nil forces the next paint to write every cell.
    private var shown: ScreenBuffer?
    private var isOpen = true
    /// Whether the terminal was asked to report the mouse.
    private let mouse: Bool
    /// A mouse report being read, between its prefix and its last character.
    private var mouseReport = MouseReportDecoder()

    /// xterm's private modes: 1000 reports button presses, releases and the wheel; 1006 has
    /// them reported in the SGR form (`ESC [ < b ; x ; y M`), decimal, so columns beyond 223
    /// work. Terminals without them ignore the request and report nothing.
    private static let mouseOn = "\u{1B}[?1000h\u{1B}[?1006h"
    private static let mouseOff = "\u{1B}[?1006l\u{1B}[?1000l"

    /// Starts curses mode on `entry` (checked usable beforehand): keys unbuffered and unechoed,
    /// function keys decoded, 25 ms Esc delay, reads that never block (the loop polls), cursor
    /// hidden; with `mouse`, clicks and the wheel reported.
    init(entry: TerminfoEntry, unicode: Bool, mode: ColorMode, mouse: Bool) throws {
        alexnet_save_shell_modes()
        guard let screen = newterm(entry.name, alexnet_stdout(), alexnet_stdin()) else {
            throw TerminalProblem("cannot start the terminal TERM=\(entry.name)")
        }
        self.screen = screen
        _ = set_term(screen)
        window = alexnet_stdscr()
        self.unicode = unicode
        self.mouse = mouse
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        CursesScreen.defineNormalModeKeys()
        if mouse { CursesScreen.enableMouse() }
        _ = set_escdelay(25)
        _ = curs_set(0)
        wtimeout(window, 0)
        var colorCount = 0
        if has_colors() {
            _ = start_color()
            _ = use_default_colors()
            colorCount = Int(alexnet_colors())
        }
        colors = ColorPairs(terminalColors: colorCount, terminalPairs: Int(alexnet_color_pairs()),
                            direct: entry.takesRGB, mode: mode)
        // Only this file arms and disarms it (its state is per Swift file, see shim.h).
        alexnet_arm_crash_restore(mouse ? Self.mouseOff : "")
    }

    /// The explorer decodes mouse reports itself (`MouseReportDecoder`) rather than through
    /// `mousemask`: ncurses reads only the form its terminfo entry names (X10 for tmux-256color,
    /// whose columns end at 223), while the terminal sends what the program asked for. Both
    /// prefixes become `KEY_MOUSE`, followed by the report's characters.
    private static func enableMouse() {
        for prefix in ["\u{1B}[<", "\u{1B}[M"] where key_defined(prefix) == 0 {
            _ = define_key(prefix, KEY_MOUSE)
        }
        writeToTerminal(mouseOn)
    }

    /// Mode switches curses has no call for, written straight to the terminal; curses has
    /// flushed its own output at each refresh, so the order holds.
    private static func writeToTerminal(_ text: String) {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + written, $0.count - written) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { return }
            written += result
        }
    }

    /// Terminfo lists the cursor keys as the terminal sends them in "application" mode
    /// (`\EOC` for →), which `keypad` switches on; keys typed before that, or sent by terminals
    /// that ignore the switch, come in "normal" mode (`\E[C`) and would read as Esc then `[C`.
    private static func defineNormalModeKeys() {
        let sequences: [(String, Int32)] = [
            ("\u{1B}[A", KEY_UP), ("\u{1B}[B", KEY_DOWN),
            ("\u{1B}[C", KEY_RIGHT), ("\u{1B}[D", KEY_LEFT),
            ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END),
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END),
            ("\u{1B}OA", KEY_UP), ("\u{1B}OB", KEY_DOWN),
            ("\u{1B}OC", KEY_RIGHT), ("\u{1B}OD", KEY_LEFT),
            ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END),
        ]
        for (sequence, key) in sequences where key_defined(sequence) == 0 {
            _ = define_key(sequence, key)
        }
    }

    /// The terminal's size in cells.
    var size: (width: Int, height: Int) { (Int(alexnet_cols()), Int(alexnet_lines())) }

    /// The next key (or click) already typed, without waiting; nil when none is pending.
    func nextKey() -> Key? {
        while true {
            var character: wint_t = 0
            switch wget_wch(window, &character) {
            case OK where mouseReport.isReading:
                if case .finished(let event?) = mouseReport.feed(UInt32(character)) { return .mouse(event) }
            case OK: if let key = KeyDecoding.character(UInt32(character)) { return key }
            case KEY_CODE_YES where mouse && Int32(character) == KEY_MOUSE: mouseReport.begin()
            case KEY_CODE_YES: if let key = KeyDecoding.functionKey(Int32(character)) { return key }
            default: return nil
            }
        }
    }

    /// Makes the next paint rewrite the whole terminal (after a resize, or after being stopped
    /// while other programs drew), clearing it first so nothing of the old layout survives.
    func invalidate() {
        shown = nil
        _ = clearok(window, true)
    }

    /// Paints `buffer`, writing only the cells that differ from what was painted last, in the
    /// given colour mode; returns how many cells were written.
    @discardableResult
    func paint(_ buffer: ScreenBuffer, mode: ColorMode) -> Int {
        if mode != colors.mode {
            colors.reset(mode: mode)
            shown = nil
        }
        if let written = paintCells(buffer) { return written }
        // Every colour pair is taken: start over with fresh pairs and a full repaint.
        colors.reset(mode: mode)
        shown = nil
        return paintCells(buffer) ?? 0
    }

    /// Leaves curses mode for a stop (Ctrl-Z); `resume` comes back.
    func suspend() {
        if mouse { Self.writeToTerminal(Self.mouseOff) }
        _ = endwin()
    }

    /// Back from a stop: curses mode again, with a full repaint.
    func resume() {
        _ = wrefresh(window)
        if mouse { Self.writeToTerminal(Self.mouseOn) }
        invalidate()
    }

    /// Restores the terminal (modes, cursor, main screen) and frees ncurses' screen. Safe to
    /// call more than once.
    func close() {
        guard isOpen else { return }
        isOpen = false
        if mouse { Self.writeToTerminal(Self.mouseOff) }
        _ = endwin()
        alexnet_disarm_crash_restore()
        delscreen(screen)
    }

    /// Writes the changed cells and updates the terminal; nil if it ran out of colour pairs.
    private func paintCells(_ buffer: ScreenBuffer) -> Int? {
        let previous = shown.flatMap { $0.width == buffer.width && $0.height == buffer.height ? $0 : nil }
        if previous == nil { _ = werase(window) }
        let height = max(min(buffer.height, Int(alexnet_lines())), 0)
        let width = max(min(buffer.width, Int(alexnet_cols())), 0)
        let painted: Int? = buffer.cells.withUnsafeBufferPointer { cells in
            (previous?.cells ?? []).withUnsafeBufferPointer { before in
                var written = 0
                // Neighbouring cells mostly share colours: reuse the last pair without hashing.
                var lastColors: (CellColor, CellColor)? = nil
                var lastPair: Int32 = 0
                for y in 0..<height {
                    for x in 0..<width {
                        let index = y * buffer.width + x
                        let cell = cells[index]
                        if !before.isEmpty, before[index] == cell { continue }
                        if lastColors == nil || lastColors! != (cell.foreground, cell.background) {
                            guard let pair = colors.pair(foreground: cell.foreground, background: cell.background) else {
                                return nil
                            }
                            lastColors = (cell.foreground, cell.background)
                            lastPair = pair
                        }
                        // Writing the bottom-right cell reports ERR (the cursor cannot advance) but draws it.
                        _ = alexnet_put_cell(window, Int32(y), Int32(x), wchar_t(bitPattern: scalar(of: cell.character)),
                                             attributes(cell.attributes), lastPair)
                        written += 1
                    }
                }
                return written
            }
        }
        guard let painted else { return nil }
        _ = wrefresh(window)
        shown = buffer
        return painted
    }

    /// The one-column character a cell shows. Text from files (labels) may hold control
    /// characters, which curses would expand to `^X`, or wide and combining characters, which
    /// would shift the rest of the row: those become `?`.
    private func scalar(of character: Character) -> UInt32 {
        let value = character.unicodeScalars.first?.value ?? 32
        switch value {
        case 32..<127: return value
        case 0..<32, 127..<160: return UInt32(UInt8(ascii: "?"))
        default:
            guard unicode else { return UInt32(ASCIIFallback.character(for: value)) }
            return character.unicodeScalars.count == 1 && alexnet_column_width(wchar_t(bitPattern: value)) == 1
                ? value : UInt32(UInt8(ascii: "?"))
        }
    }

    private func attributes(_ attributes: CellAttributes) -> attr_t {
        var result: attr_t = 0
        if attributes.contains(.bold) { result |= alexnet_attr_bold() }
        if attributes.contains(.dim) { result |= alexnet_attr_dim() }
        if attributes.contains(.reverse) { result |= alexnet_attr_reverse() }
        if attributes.contains(.underline) { result |= alexnet_attr_underline() }
        return result
    }
}

/// Stand-ins for the few non-ASCII characters the explorer draws, for locales that cannot show
/// them (LANG=C). The app draws ASCII itself in that case; this only keeps a stray symbol from
/// becoming an unreadable byte sequence.
enum ASCIIFallback {
    static func character(for scalar: UInt32) -> UInt8 {
        switch scalar {
        case 0x2500, 0x2501, 0x2504, 0x2508, 0x2574, 0x2576: UInt8(ascii: "-")   // ─ ━ ┄ ┈ ╴ ╶
        case 0x2502, 0x2503, 0x2506, 0x250A: UInt8(ascii: "|")                    // │ ┃ ┆ ┊
        case 0x250C...0x254B: UInt8(ascii: "+")                                    // corners, tees, crosses
        case 0x2580...0x259F: UInt8(ascii: "#")                                    // block elements
        case 0x2190, 0x2039, 0x00AB: UInt8(ascii: "<")                            // ← ‹ «
        case 0x2192, 0x203A, 0x00BB: UInt8(ascii: ">")                            // → › »
        case 0x2191: UInt8(ascii: "^")
        case 0x2193: UInt8(ascii: "v")
        case 0x2026, 0x00B7, 0x2022: UInt8(ascii: ".")                            // … · •
        case 0x00D7: UInt8(ascii: "x")                                             // ×
        default: UInt8(ascii: "?")
        }
    }
}
