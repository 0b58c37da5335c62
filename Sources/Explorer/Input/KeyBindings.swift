/// What a key asks the explorer to do.
public enum Action: Hashable, Sendable {
    case nextLayer, previousLayer, firstLayer, lastLayer
    case nextChannel, previousChannel, channelsForward, channelsBack
    case nextView, previousView, openSelected, toggleInput, toggleTiming
    case toggleScaleMode, cycleColorMode, toggleHelp
    case rerunTiming
    case toggleCursor, cursorUp, cursorDown, cursorLeft, cursorRight
    case toggleArithmetic, togglePreActivation, nextStrongestChannel, toggleRanking
    case toggleFilters, exportTensor, exportPicture, toggleScales, switchInitScheme, occlusion
    case cycleComparison
    case toggleRoofline
    /// Esc: closes what is open, one thing a press (help, a view over the layer's own, the cell
    /// cursor, full screen); with nothing open, quits.
    case leaveOrQuit, quit
    case startLesson, nextStep, previousStep, leaveLesson, switchDropout, toggleFullScreen
    /// Moves the help overlay's list while it is open (when it is longer than the screen).
    case scrollHelp(HelpScroll)
}

/// How far a key moves the help overlay's list.
public enum HelpScroll: Hashable, Sendable {
    case lineUp, lineDown, pageUp, pageDown, top, end
}

/// What the front end does after a key: redraw, nothing, or leave.
public enum KeyResult: Equatable, Sendable { case handled, ignored, quit }

/// Where a binding applies; more specific contexts are consulted first.
public enum BindingContext: Hashable, Sendable, CaseIterable {
    case global, cursor, grid, timing, help, lesson

    /// Heading in the help overlay.
    public var title: String {
        switch self {
        case .global: "everywhere"
        case .cursor: "cursor mode"
        case .grid: "grid view"
        case .timing: "timing view"
        case .help: "help overlay"
        case .lesson: "in a lesson"
        }
    }
}

/// One line of the key table: the keys, the action, and the help text shown for them.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let action: Action
    public let help: String
    public let context: BindingContext

    public init(_ keys: [Key], _ action: Action, _ help: String, context: BindingContext = .global) {
        self.keys = keys
        self.action = action
        self.help = help
        self.context = context
    }
}

/// The key table, as data: `action(for:in:)` dispatches from it and the help overlay lists it.
public struct KeyMap: Sendable {
    public let bindings: [KeyBinding]

    /// Channels moved by PgUp/PgDn.
    public static let channelPage = 10

    public static let standard = KeyMap(bindings: [
        KeyBinding([.right, .character("l"), .character(" ")], .nextLayer, "next layer (computes it)"),
        KeyBinding([.left, .character("h")], .previousLayer, "previous layer"),
        KeyBinding([.down, .character("j")], .nextChannel, "next channel"),
        KeyBinding([.up, .character("k")], .previousChannel, "previous channel"),
        KeyBinding([.pageDown], .channelsForward, "channel +\(channelPage)"),
        KeyBinding([.pageUp], .channelsBack, "channel -\(channelPage)"),
        KeyBinding([.home], .firstLayer, "first layer"),
        KeyBinding([.end], .lastLayer, "last layer (computes the rest)"),
        KeyBinding([.tab], .nextView, "next view"),
        KeyBinding([.backTab], .previousView, "previous view"),
        KeyBinding([.character("i")], .toggleInput, "input image"),
        KeyBinding([.character("t")], .toggleTiming, "timing"),
        KeyBinding([.character("s")], .toggleScaleMode, "scale per channel / per layer"),
        KeyBinding([.character("c")], .cycleColorMode, "colours: truecolor/256/16/ASCII"),
        KeyBinding([.character("x")], .toggleCursor, "cell cursor, receptive field"),
        KeyBinding([.character("a")], .toggleArithmetic, "how one output is computed"),
        KeyBinding([.character("b")], .togglePreActivation, "before / after the activation"),
        KeyBinding([.character("n")], .nextStrongestChannel, "next strongest channel"),
        KeyBinding([.character("m")], .toggleRanking, "rank channels by mean / max"),
        KeyBinding([.character("w")], .toggleFilters, "filters (the layer's weights)"),
        KeyBinding([.character("g")], .toggleScales, "std per layer, log scale (init)"),
        KeyBinding([.character("G")], .switchInitScheme, "next --init scheme, recompute"),
        KeyBinding([.character("o")], .occlusion, "occlusion map (again: cancel / hide)"),
        KeyBinding([.character("d")], .cycleComparison, "compare with a second input: next / off"),
        KeyBinding([.character("R")], .toggleRoofline, "roofline: FLOP/byte vs GFLOP/s, ceilings"),
        KeyBinding([.character("e")], .exportTensor, "save the layer as .npy"),
        KeyBinding([.character("p")], .exportPicture, "save the picture as PPM/PGM"),
        KeyBinding([.character("?")], .toggleHelp, "this help"),
        KeyBinding([.character("q"), .interrupt], .quit, "quit"),
        KeyBinding([.escape], .leaveOrQuit, "close help/view/cursor, or quit"),
        KeyBinding([.character("L")], .startLesson, "lesson: a guided tour (again: leave)"),
        KeyBinding([.character("D")], .switchDropout, "seed's dropout: inference / original"),
        KeyBinding([.character("f")], .toggleFullScreen, "full screen: the view alone"),
        KeyBinding([.right, .character(" ")], .nextStep, "next step (first the rest of its text)", context: .lesson),
        KeyBinding([.left], .previousStep, "previous step (or page of its text)", context: .lesson),
        KeyBinding([.escape], .leaveLesson, "leave the lesson", context: .lesson),
        KeyBinding([.up], .cursorUp, "move the cell cursor", context: .cursor),
        KeyBinding([.down], .cursorDown, "move the cell cursor", context: .cursor),
        KeyBinding([.left], .cursorLeft, "move the cell cursor", context: .cursor),
        KeyBinding([.right], .cursorRight, "move the cell cursor", context: .cursor),
        KeyBinding([.enter], .openSelected, "open channel in map", context: .grid),
        KeyBinding([.character("r")], .rerunTiming, "re-run network, show medians", context: .timing),
        KeyBinding([.up, .character("k")], .scrollHelp(.lineUp), "scroll a line", context: .help),
        KeyBinding([.down, .character("j")], .scrollHelp(.lineDown), "scroll a line", context: .help),
        KeyBinding([.pageUp], .scrollHelp(.pageUp), "scroll a page", context: .help),
        KeyBinding([.pageDown], .scrollHelp(.pageDown), "scroll a page", context: .help),
        KeyBinding([.home], .scrollHelp(.top), "scroll to the top", context: .help),
        KeyBinding([.end], .scrollHelp(.end), "scroll to the end", context: .help),
    ])

    /// The action bound to `key` where `contexts` apply (most specific first), or nil.
    public func action(for key: Key, in contexts: [BindingContext]) -> Action? {
        for context in contexts {
            if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
                return binding.action
            }
        }
        return nil
    }
}

extension Key {
    /// How the help overlay and status line name the key.
    public func label(unicode: Bool) -> String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .up: unicode ? "↑" : "Up"
        case .down: unicode ? "↓" : "Down"
        case .left: unicode ? "←" : "Left"
        case .right: unicode ? "→" : "Right"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .escape: "Esc"
        case .backspace: "Bksp"
        case .interrupt: "Ctrl-C"
        case .resize: "resize"
        case .mouse: "mouse"
        }
    }
}
