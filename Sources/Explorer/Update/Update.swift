import Engine

/// The explorer's update function: a key and the view state in, the new state and the effects
/// out. Pure: it reads a `Situation` and starts nothing, so every key can be tested without a
/// worker (and replayed by the key storm).
///
/// Each action's code is a method in a file of this folder by theme (`Navigation`,
/// `CellCursor`, `Teaching`); `perform` routes to it in one line.
struct Update {
    let situation: Situation
    var state: ViewState
    var effects: [Effect] = []

    /// What `key` does under `state`.
    static func key(_ key: Key, state: ViewState, in situation: Situation) -> Outcome {
        var update = Update(situation: situation, state: state)
        let result = update.handle(key)
        return Outcome(result: result, state: update.state, effects: update.effects)
    }

    /// What `action` does under `state` (as if its key were pressed).
    static func action(_ action: Action, state: ViewState, in situation: Situation) -> Outcome {
        var update = Update(situation: situation, state: state)
        let result = update.perform(action)
        return Outcome(result: result, state: update.state, effects: update.effects)
    }

    var network: Network { situation.network }
    var currentView: ViewKind { situation.currentView(state) }

    private mutating func handle(_ key: Key) -> KeyResult {
        if key == .resize { return .handled }
        let keyMap = situation.keyMap
        guard !network.nodes.isEmpty else { return keyMap.action(for: key, in: [.global]) == .quit ? .quit : .ignored }
        let view = currentView
        state.message = nil
        if case .mouse(let event) = key {
            guard !state.showHelp else {
                state.showHelp = false
                return .handled
            }
            return click(event)
        }
        var contexts: [BindingContext] = []
        // While help is open its scroll keys come first; any other key closes it.
        if state.showHelp { contexts.append(.help) }
        if state.lessonStep != nil { contexts.append(.lesson) }
        if state.cursor != nil, [.map, .arithmetic, .input].contains(view),
           network.nodes[state.layer].outputShape.isFeatureMap { contexts.append(.cursor) }
        if view == .grid { contexts.append(.grid) }
        if view == .timing { contexts.append(.timing) }
        contexts.append(.global)
        guard let action = keyMap.action(for: key, in: contexts) else {
            if state.showHelp {
                state.showHelp = false
                return .handled
            }
            return .ignored
        }
        return perform(action)
    }

    mutating func perform(_ action: Action) -> KeyResult {
        guard !network.nodes.isEmpty else { return action == .quit ? .quit : .ignored }
        // While the weights are being drawn the network is an outline: nothing to compute or show.
        if situation.weights.rebuilding, !Self.availableWhileRebuilding(action) { return .ignored }
        // Any key but the overlay's own closes help, and still does what it does.
        if state.showHelp, !Self.keepsHelpOpen(action) { state.showHelp = false }
        switch action {
        case .quit: return .quit
        case .leaveOrQuit: return leaveOrQuit()
        case .toggleHelp:
            state.showHelp.toggle()
            state.helpScroll = 0
        case .scrollHelp(let move): scrollHelp(move)
        case .nextLayer: return select(layer: state.layer + 1)
        case .previousLayer: return select(layer: state.layer - 1)
        case .firstLayer: return select(layer: 0)
        case .lastLayer: return select(layer: network.nodes.count - 1)
        case .nextChannel: return moveChannel(by: 1)
        case .previousChannel: return moveChannel(by: -1)
        case .channelsForward: return moveChannel(by: KeyMap.channelPage)
        case .channelsBack: return moveChannel(by: -KeyMap.channelPage)
        case .nextView: cycleView(by: 1)
        case .previousView: cycleView(by: -1)
        case .openSelected: return openSelected()
        case .toggleInput: toggle(.input)
        case .toggleTiming: toggle(.timing)
        case .toggleScaleMode: state.scaleMode = state.scaleMode == .perChannel ? .perLayer : .perChannel
        case .cycleColorMode: cycleColorMode()
        case .rerunTiming: return rerunTiming()
        case .toggleCursor: return toggleCursor()
        case .cursorUp: moveCursor(dy: -1, dx: 0)
        case .cursorDown: moveCursor(dy: 1, dx: 0)
        case .cursorLeft: moveCursor(dy: 0, dx: -1)
        case .cursorRight: moveCursor(dy: 0, dx: 1)
        case .toggleArithmetic: toggleArithmetic()
        case .togglePreActivation: state.preActivation.toggle()
        case .nextStrongestChannel: return jumpToNextStrongestChannel()
        case .toggleRanking: toggleRanking()
        case .toggleFilters: toggle(.filters)
        case .toggleScales: toggle(.scales)
        case .toggleRoofline: toggle(.roofline)
        case .switchInitScheme: redrawWeights()
        case .occlusion: occlusion()
        case .exportTensor: effects.append(.exportTensor)
        case .exportPicture: effects.append(.exportPicture)
        case .cycleComparison: return cycleComparison()
        case .startLesson: startOrLeaveLesson()
        case .nextStep: return showStep(by: 1)
        case .previousStep: return showStep(by: -1)
        case .leaveLesson: leaveLesson()
        case .switchDropout: switchDropout()
        case .toggleFullScreen: state.fullScreen.toggle()
        }
        return .handled
    }

    /// Esc closes the last thing opened rather than the whole explorer: a user pressing it to
    /// leave the arithmetic or the cursor would otherwise lose the session.
    private mutating func leaveOrQuit() -> KeyResult {
        if state.showHelp {
            state.showHelp = false
        } else if state.override == .arithmetic {
            toggleArithmetic()
        } else if state.override == .occlusion, situation.occlusion.running {
            occlusion()  // cancels it
            state.override = nil
        } else if state.override != nil {
            state.override = nil
        } else if state.cursor != nil {
            state.cursor = nil
            state.cursorForArithmetic = false
        } else if state.fullScreen {
            state.fullScreen = false
        } else {
            return .quit
        }
        return .handled
    }

    private static func keepsHelpOpen(_ action: Action) -> Bool {
        switch action {
        case .quit, .leaveOrQuit, .toggleHelp, .scrollHelp, .leaveLesson: true
        default: false
        }
    }

    /// Keys that still work while the weights are drawn: nothing that computes or reads values.
    private static func availableWhileRebuilding(_ action: Action) -> Bool {
        switch action {
        case .quit, .leaveOrQuit, .toggleHelp, .scrollHelp, .cycleColorMode, .toggleScaleMode, .toggleFullScreen: true
        default: false
        }
    }

    /// Moved against the screen last drawn: its size decides the page and the end.
    private mutating func scrollHelp(_ move: HelpScroll) {
        let overlay = HelpOverlay(theme: Theme(mode: state.colorMode), keyMap: situation.keyMap, scroll: state.helpScroll)
        state.helpScroll = overlay.scrolled(move, in: situation.helpArea)
    }

    private mutating func cycleColorMode() {
        let modes = Array(ColorMode.allCases.drop(while: { $0 != situation.richestMode }))
        state.colorMode = modes[((modes.firstIndex(of: state.colorMode) ?? 0) + 1) % modes.count]
    }
}
