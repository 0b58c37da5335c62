/// Moving through a lesson: each step goes to its layer, view, channel and cursor; every other
/// key still works in between.
extension Update {
    /// `L`: the lesson from its first step, or out of it.
    mutating func startOrLeaveLesson() {
        if state.lessonStep != nil { return leaveLesson() }
        guard situation.lesson != nil else {
            state.message = "no lesson for this network: lessons name the layers of seed and alexnet"
            return
        }
        show(step: 0)
    }

    /// Space / →, ←: the rest of the step's text where it did not fit, else the next or
    /// previous step; ignored past either end.
    mutating func showStep(by delta: Int) -> KeyResult {
        // A screen made larger since may hold in fewer pages than the one shown.
        let textPage = min(state.lessonTextPage, situation.lessonTextPages - 1) + delta
        if (0..<situation.lessonTextPages).contains(textPage) {
            state.lessonTextPage = textPage
            return .handled
        }
        guard let lesson = situation.lesson, let current = state.lessonStep,
              lesson.steps.indices.contains(current + delta) else { return .ignored }
        show(step: current + delta)
        return .handled
    }

    /// Esc: closes help when it is open, else leaves the lesson where it is.
    mutating func leaveLesson() {
        if state.showHelp {
            state.showHelp = false
        } else {
            state.lessonStep = nil
        }
    }

    /// Goes where step `index` says. Every layer is computed, so the step's numbers (the run's
    /// time, the top classes) can be filled in.
    mutating func show(step index: Int) {
        guard let lesson = situation.lesson, let layer = network.index(of: lesson.steps[index].layer) else { return }
        let step = lesson.steps[index]
        state.lessonStep = index
        state.lessonTextPage = 0
        _ = select(layer: layer)
        effects.append(.compute(through: network.nodes.count - 1))
        state.preActivation = step.view == .before
        let isMap = network.nodes[layer].outputShape.isFeatureMap
        state.cursor = step.cursor.map { CellPosition(y: $0.y, x: $0.x) }
        if state.cursor == nil, isMap, [.arithmetic, .receptiveField].contains(step.view) {
            state.cursor = centreCell(of: layer)
        }
        if let channel = step.channel {
            if isMap { state.channel = channel } else { state.neuron = channel }
        }
        switch step.view {
        case .map: show(.map)
        case .grid: show(.grid)
        case .vector: show(.vector)
        case .topK: show(.topK)
        case .input, .receptiveField: show(.input)
        case .timing: show(.timing)
        case .arithmetic: show(.arithmetic)
        case .filters: show(.filters)
        case .scales: show(.scales)
        case .before: show(situation.availableViews(for: layer)[0])
        }
    }
}
