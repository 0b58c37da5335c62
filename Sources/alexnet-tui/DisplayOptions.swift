import ArgumentParser
import Explorer

/// `--color`: the explorer's colours, or `auto` to choose from the environment.
enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
    case auto, truecolor
    case palette256 = "256"
    case palette16 = "16"
    case none
}

struct DisplayOptions: ParsableArguments {
    @Option(help: "Explorer colours: auto (the best the terminal reports), truecolor, 256, 16 or none (an ASCII ramp). Never more than the terminal can show; none when NO_COLOR is set.")
    var color: ColorChoice = .auto

    @Flag(name: .customLong("no-color"), help: "No colours in the explorer (as --color none; also when NO_COLOR is set).")
    var noColor = false

    @Flag(help: "Draw heat-maps with an ASCII ramp instead of coloured blocks.")
    var ascii = false

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (selecting text) instead of clicks in the explorer; every click has a key.")
    var noMouse = false

    /// The colour mode the options ask for; nil for `auto`. The terminal front end lowers it to
    /// what the terminal can show, and to ASCII under `NO_COLOR`.
    var requestedColorMode: ColorMode? {
        if noColor || ascii { return .ascii }
        switch color {
        case .auto: return nil
        case .truecolor: return .trueColor
        case .palette256: return .palette256
        case .palette16: return .palette16
        case .none: return .ascii
        }
    }
}
