import Engine

/// Moving between layers, channels and views.
extension Update {
    /// Goes to layer `layer` (computing up to it), carrying the cell cursor over the same part
    /// of the image; ignored outside the network.
    mutating func select(layer: Int) -> KeyResult {
        guard network.nodes.indices.contains(layer) else { return .ignored }
        if network.nodes[layer].outputShape.isFeatureMap {
            if let cell = situation.cursorCell(for: state.layer, in: state) {
                state.cursor = carryCursor(cell, from: state.layer, to: layer)
            } else if state.cursor != nil {
                // Coming from a vector layer, where the cursor waited unused: keep it on the new map.
                state.cursor = situation.cursorCell(for: layer, in: state)
            }
        }
        state.rankWalk = nil
        state.neuron = nil
        state.layer = layer
        state.channel = min(state.channel, max(situation.channelCount(of: layer) - 1, 0))
        effects.append(.compute(through: layer))
        return .handled
    }

    mutating func moveChannel(by delta: Int) -> KeyResult {
        // In the arithmetic view of a dense layer the channel keys choose the neuron.
        if currentView == .arithmetic, let dense = network.nodes[state.layer].layer as? Dense {
            state.neuron = min(max((situation.selectedNeuron(of: state.layer, in: state) ?? 0) + delta, 0), dense.outputs - 1)
            return .handled
        }
        let count = situation.channelCount(of: state.layer)
        guard count > 1, [.map, .grid, .arithmetic, .filters].contains(currentView) else { return .ignored }
        state.channel = min(max(state.channel + delta, 0), count - 1)
        return .handled
    }

    /// Tab and Shift-Tab: the next or previous of the layer's views.
    mutating func cycleView(by step: Int) {
        let views = situation.availableViews(for: state.layer)
        let index = views.firstIndex(of: currentView) ?? 0
        show(views[(index + step + views.count) % views.count])
    }

    /// Enter in the grid: the selected channel in the map.
    mutating func openSelected() -> KeyResult {
        guard currentView == .grid else { return .ignored }
        state.featureView = .map
        return .handled
    }

    /// Shows `view` in place of the layer's own, or the layer's own again when it is shown.
    mutating func toggle(_ view: ViewKind) {
        state.override = state.override == view ? nil : view
    }

    mutating func show(_ view: ViewKind) {
        switch view {
        case .input, .timing:
            state.override = view
        case .map, .grid:
            state.override = nil
            state.featureView = view
        case .vector, .topK:
            state.override = nil
            if situation.isClassifier(state.layer) { state.classifierView = view }
        case .arithmetic, .filters, .scales, .occlusion, .roofline:
            state.override = view
        }
    }
}
