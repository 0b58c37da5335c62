import Engine
import Profiling

/// What the action function and the screen read besides the view state: the run in use and
/// what background work has published, gathered once per key or frame. Plain values (the run
/// is only read for its network and its published outputs): no worker, no lock.
struct Situation {
    let run: ForwardRun
    let context: ExplorerContext
    let published: LayerWorker.Published
    /// Each layer's receptive field in input pixels (nil for vectors).
    let receptiveFields: [ReceptiveField?]
    let keyMap: KeyMap
    /// The colour mode `c` starts from: the richest the terminal offered.
    let richestMode: ColorMode
    /// Where the help overlay went on the screen last drawn: help scrolls by its pages.
    var helpArea: Rect
    let occlusion: OcclusionJob.Progress
    let weights: WeightsStatus
    /// The second input's run and what it has computed.
    var comparison = ComparisonJob.Published()
    /// What the comparison key cycles through.
    var comparisonChoices: [ComparisonInput] = []
    /// What a click points at, on the screen last drawn.
    var hits = HitMap()
    /// The lesson `L` starts (a `--lesson-file`'s, else the built-in one); nil when the network
    /// is neither preset.
    var lesson: Lesson? = nil
    /// How many pages the lesson step's text took on the screen last drawn (1 when it fit).
    var lessonTextPages = 1
    /// The seed of the dropout mask `d` switches to; nil when dropout cannot be switched.
    var dropoutSeed: UInt64? = nil
    /// Warm medians of the layers timed again in the background (empty before any).
    var warmTimings: [TimingSummary?] = []
    /// The roofline's ceilings, once measured.
    var ceilings: MachineCeilings?

    var network: Network { run.network }

    func channelCount(of layer: Int) -> Int {
        let shape = network.nodes[layer].outputShape
        return shape.isFeatureMap ? shape[2] : 0
    }

    func isClassifier(_ layer: Int) -> Bool {
        layer == LayerWorker.logitsLayer(of: network)
    }

    /// The views Tab cycles through on `layer`, its own first.
    func availableViews(for layer: Int) -> [ViewKind] {
        let own: [ViewKind]
        if network.nodes[layer].outputShape.isFeatureMap {
            own = [.map, .grid]
        } else if isClassifier(layer) {
            own = [.topK, .vector]
        } else {
            own = [.vector]
        }
        return own + [.input, .timing]
    }

    /// The view filling the main area under `state`.
    func currentView(_ state: ViewState) -> ViewKind {
        if let override = state.override { return override }
        if network.nodes[state.layer].outputShape.isFeatureMap { return state.featureView }
        return isClassifier(state.layer) ? state.classifierView : .vector
    }

    /// The cursor inside `layer`'s map, or nil when it is off or the layer is a vector.
    func cursorCell(for layer: Int, in state: ViewState) -> CellPosition? {
        let shape = network.nodes[layer].outputShape
        guard let cursor = state.cursor, shape.isFeatureMap else { return nil }
        return CellPosition(y: min(max(cursor.y, 0), shape[0] - 1), x: min(max(cursor.x, 0), shape[1] - 1))
    }

    /// The output neuron of dense layer `layer` the arithmetic view shows: the one chosen, or
    /// else the strongest once computed (fc8's top class); nil for other layers.
    func selectedNeuron(of layer: Int, in state: ViewState) -> Int? {
        guard let dense = network.nodes[layer].layer as? Dense else { return nil }
        if let neuron = state.neuron { return min(max(neuron, 0), dense.outputs - 1) }
        guard layer < published.readableCount else { return 0 }
        return published.statistics[layer]?.ranked.first ?? 0
    }

    /// The current layer's channels strongest first under the ranking criterion, once computed.
    func channelOrder(_ state: ViewState) -> [Int]? {
        guard let statistics = published.statistics[state.layer], state.layer < published.readableCount,
              !statistics.channels.isEmpty else { return nil }
        return ChannelRanking.order(statistics.channels, by: state.rankCriterion)
    }

    /// The channels strongest first and the selected one's place (0 = strongest), once the
    /// user ranks channels.
    func channelRank(_ state: ViewState) -> (rank: Int, order: [Int])? {
        guard state.showRanking, let order = channelOrder(state) else { return nil }
        return order.firstIndex(of: state.channel).map { ($0, order) }
    }

    /// True when the current layer's values before its activation are to be shown: asked for, a
    /// layer with such an activation, and computed.
    func wantsPreActivation(_ state: ViewState) -> Bool {
        state.preActivation && state.layer < published.readableCount
            && PreActivationJob.applies(to: network.nodes[state.layer].layer)
    }

    /// What one render reads under `state`; `preActivation` holds the current layer's values
    /// before its activation when they are wanted and computed.
    func frame(_ state: ViewState, preActivation: PreActivationValues?) -> Frame {
        var frame = Frame(run: run, context: context, published: published, state: state,
                          view: currentView(state), theme: Theme(mode: state.colorMode))
        frame.receptiveFields = receptiveFields
        frame.cursor = cursorCell(for: state.layer, in: state)
        frame.neuron = selectedNeuron(of: state.layer, in: state)
        frame.preActivation = preActivation
        frame.preActivationPending = preActivation == nil && wantsPreActivation(state)
        frame.channelRank = channelRank(state)
        frame.occlusion = occlusion
        frame.weights = weights
        if let input = comparison.input, state.comparison != nil, let second = comparison.second {
            frame.comparison = ComparisonShown(input: input, second: second, published: comparison)
        }
        frame.warmTimings = warmTimings
        frame.ceilings = ceilings
        // Last: the lesson's numbers are read from the frame as the panels show them.
        frame.lessonPage = lessonPage(frame)
        return frame
    }
}
