/// The teaching keys: arithmetic, channel ranking, re-timing, occlusion, redrawing the weights.
extension Update {
    mutating func toggleArithmetic() {
        if state.override == .arithmetic {
            state.override = nil
            // Else ← → would go on moving a cursor the user never asked for, not the layer.
            if state.cursorForArithmetic { state.cursor = nil }
            state.cursorForArithmetic = false
        } else {
            if state.cursor == nil, situation.channelCount(of: state.layer) > 0 {
                state.cursor = centreCell(of: state.layer)
                state.cursorForArithmetic = true
            }
            state.override = .arithmetic
        }
    }

    mutating func jumpToNextStrongestChannel() -> KeyResult {
        guard let order = situation.channelOrder(state) else { return .ignored }
        // The first press goes to the strongest; the next ones walk down the ranking.
        let position = state.rankWalk.flatMap { order.indices.contains($0) && order[$0] == state.channel ? $0 + 1 : nil } ?? 0
        state.rankWalk = position % order.count
        state.channel = order[position % order.count]
        state.showRanking = true
        if ![.map, .grid].contains(currentView) { show(.map) }
        return .handled
    }

    mutating func toggleRanking() {
        state.rankCriterion = state.rankCriterion == .mean ? .max : .mean
        state.rankWalk = nil
        state.showRanking = true
    }

    mutating func rerunTiming() -> KeyResult {
        if case .profiling = situation.published.activity { return .ignored }
        effects.append(.rerunTiming)
        return .handled
    }

    /// `o`: starts occlusion and shows it; again: cancels it while it runs, else hides it.
    mutating func occlusion() {
        let progress = situation.occlusion
        if progress.running {
            effects.append(.cancelOcclusion)
            state.message = "occlusion cancelled"
        } else if progress.result == nil || state.override != .occlusion {
            if progress.result == nil { effects.append(.startOcclusion) }
            state.override = .occlusion
        } else {
            state.override = nil
        }
    }

    /// `G`: the scales view, while the weights are redrawn under the next scheme.
    mutating func redrawWeights() {
        guard situation.weights.canSwitch else {
            state.message = "the weights come from a file: --init applies to random weights"
            return
        }
        state.override = .scales
        effects.append(.redrawWeights)
    }
}
