/// Bottom row: the main keys (labels from the key table, most important first) on the left, the
/// scale and colour mode on the right.
struct StatusLine {
    let frame: Frame
    let keyMap: KeyMap

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme
        // With the cell cursor on, the arrows move it: the layer keys shown are the letters.
        let cursorKeys = frame.cursor != nil && [.map, .arithmetic, .input].contains(frame.view)
        // So too in a lesson, where ← → move through its steps.
        let letterKeys = cursorKeys || frame.lessonPage != nil
        var hints: [([Action], String)]
        if frame.state.showHelp {
            // The help overlay's own keys while it is open.
            hints = [([.scrollHelp(.lineUp), .scrollHelp(.lineDown)], "scroll"),
                     ([.scrollHelp(.pageUp), .scrollHelp(.pageDown)], "page"),
                     ([.scrollHelp(.top), .scrollHelp(.end)], "top/end"), ([.toggleHelp], "close"), ([.quit], "quit")]
        } else {
            hints = [([.previousLayer, .nextLayer], "layer")]
            if cursorKeys { hints.append(([.cursorUp, .cursorDown, .cursorLeft, .cursorRight], "cell")) }
            if [.map, .grid].contains(frame.view) { hints.append(([.previousChannel, .nextChannel], "channel")) }
            if frame.view == .arithmetic, frame.neuron != nil { hints.append(([.previousChannel, .nextChannel], "neuron")) }
            if frame.view == .grid { hints.append(([.openSelected], "open")) }
            if frame.view == .timing { hints.append(([.rerunTiming], "re-run")) }
            hints += [([.nextView], "view"), ([.toggleHelp], "help"), ([.quit], "quit"), ([.toggleInput], "input"),
                      ([.toggleTiming], "timing"), ([.toggleScaleMode], "scale"), ([.cycleColorMode], "colour")]
        }
        // The scale mode only in the views whose heat-maps follow it, and where there is room; the
        // map's colour bar names it too. (A vector has one scale, whatever the mode.)
        let scaled = [.map, .grid].contains(frame.view) && area.width >= 100
        let right = (scaled ? frame.state.scaleMode.label + theme.separator : "") + theme.mode.label + " "
        let limit = area.width - right.count - 1
        if let message = frame.state.message {
            buffer.write(Format.truncate(message, to: limit - 1, ellipsis: theme.ellipsis), in: area, column: 1, row: 0,
                         style: message.hasPrefix("saved") ? theme.good : theme.warning)
            buffer.write(right, in: area, column: area.width - right.count, row: 0, style: theme.dim)
            return
        }
        var x = area.x + 1
        for (actions, word) in hints {
            let labels = actions.map { label(for: $0, letter: letterKeys) }
            // Arrows run together (`←→`); words and letters keep a slash (`PgUp/PgDn`, `h/l`).
            let together = theme.mode.usesColor && !letterKeys && labels.allSatisfy { $0.count == 1 }
            let keys = actions.contains(.cursorUp) ? (theme.mode.usesColor ? "↑↓←→" : "arrows")
                : labels.joined(separator: together ? "" : "/")
            guard x - area.x + keys.count + word.count + 2 <= limit else { break }
            x = buffer.write(keys, in: area, column: x - area.x, row: 0, style: theme.accent)
            x = buffer.write(" " + word + "  ", in: area, column: x - area.x, row: 0, style: theme.dim)
        }
        buffer.write(right, in: area, column: area.width - right.count, row: 0, style: theme.dim)
    }

    /// The key shown for `action`: its first key, or in ASCII mode its first letter key (`h`
    /// rather than `Left`), which is shorter.
    private func label(for action: Action, letter: Bool = false) -> String {
        guard let keys = keyMap.bindings.first(where: { $0.action == action })?.keys, let first = keys.first else {
            return ""
        }
        if frame.theme.mode.usesColor && !letter { return first.label(unicode: true) }
        let letter = keys.first { if case .character(let c) = $0 { c.isLetter } else { false } }
        return (letter ?? first).label(unicode: false)
    }
}
