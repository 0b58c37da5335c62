import CNcursesw
import Explorer
import Foundation

/// A terminfo entry as far as the explorer cares: can it address the cursor, how many colours,
/// does it take RGB colour numbers (ncurses' `*-direct` entries).
struct TerminfoEntry {
    let name: String
    let colors: Int
    let takesRGB: Bool

    enum Lookup {
        case usable(TerminfoEntry)
        /// The entry exists but is a hard-copy or generic terminal without cursor addressing.
        case cannotAddressCursor
        case missing
    }

    static func lookUp(_ name: String) -> Lookup {
        var colors: Int32 = -1
        var direct: Int32 = 0
        switch alexnet_probe_terminfo(name, STDOUT_FILENO, &colors, &direct) {
        case 1: return .usable(TerminfoEntry(name: name, colors: Int(colors), takesRGB: direct != 0))
        case 0: return .cannotAddressCursor
        default: return .missing
        }
    }
}

/// What the environment says about the terminal: TERM, COLORTERM, NO_COLOR, the locale.
struct TerminalEnvironment {
    var variables: [String: String]

    init(_ variables: [String: String] = ProcessInfo.processInfo.environment) {
        self.variables = variables
    }

    var term: String? { variables["TERM"].flatMap { $0.isEmpty ? nil : $0 } }

    /// `COLORTERM=truecolor` or `24bit`: the convention terminals use to announce 24-bit colour.
    var announcesTrueColor: Bool {
        ["truecolor", "24bit"].contains(variables["COLORTERM"]?.lowercased() ?? "")
    }

    /// https://no-color.org: any non-empty value turns colour off.
    var forbidsColor: Bool { !(variables["NO_COLOR"] ?? "").isEmpty }

    /// Whether the C library's character set (from LANG/LC_ALL/LC_CTYPE) is UTF-8; sets the
    /// locale from the environment, which curses needs anyway before it starts.
    static func localeIsUTF8() -> Bool {
        setlocale(LC_ALL, "")
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// The entry to open: TERM's own, or its direct-colour sibling (`tmux-256color` ->
    /// `tmux-direct`) when COLORTERM announces truecolor and that sibling is installed, so that
    /// ncurses sends 24-bit colours; nil with a reason when the explorer cannot run.
    func terminfoEntry() -> Result<TerminfoEntry, TerminalProblem> {
        guard let term else { return .failure(TerminalProblem("TERM is not set")) }
        let entry: TerminfoEntry
        switch TerminfoEntry.lookUp(term) {
        case .usable(let found): entry = found
        case .cannotAddressCursor: return .failure(TerminalProblem("TERM=\(term) cannot show the explorer"))
        case .missing: return .failure(TerminalProblem("no terminfo entry for TERM=\(term)"))
        }
        guard announcesTrueColor, !entry.takesRGB else { return .success(entry) }
        let family = term.split(separator: "-").first.map(String.init) ?? term
        if case .usable(let direct) = TerminfoEntry.lookUp(family + "-direct"), direct.takesRGB {
            return .success(direct)
        }
        return .success(entry)
    }
}

struct TerminalProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Why the explorer cannot run here, or nil when stdin and stdout are terminals and TERM names a
/// terminfo entry with cursor addressing. Never exits the process (unlike `initscr`).
func explorerTerminalProblem() -> String? {
    guard isatty(STDIN_FILENO) == 1 else { return "standard input is not a terminal" }
    guard isatty(STDOUT_FILENO) == 1 else { return "standard output is not a terminal" }
    switch TerminalEnvironment().terminfoEntry() {
    case .success: return nil
    case .failure(let problem): return problem.description
    }
}

/// The colour mode the explorer should start in on this terminal: `requested` (from `--ascii`
/// or `--no-color`, or a `--color` choice) if the terminal can show it, otherwise the best the
/// terminal reports. ASCII when NO_COLOR is set, when the locale is not UTF-8 (half blocks and
/// box drawing cannot be shown), or when the terminal has fewer than 8 colours.
func explorerColorMode(requested: ColorMode? = nil) -> ColorMode {
    let environment = TerminalEnvironment()
    guard TerminalEnvironment.localeIsUTF8(), !environment.forbidsColor,
          case .success(let entry) = environment.terminfoEntry() else { return .ascii }
    let best: ColorMode =
        entry.takesRGB ? .trueColor
        : entry.colors >= 256 ? .palette256
        : entry.colors >= 8 ? .palette16
        : .ascii
    guard let requested else { return best }
    let order: [ColorMode] = [.ascii, .palette16, .palette256, .trueColor]
    return order.firstIndex(of: requested)! <= order.firstIndex(of: best)! ? requested : best
}
