import Engine
import Profiling

/// Everything one render reads, gathered once: views take this and a rectangle and draw cells.
struct Frame {
    let run: ForwardRun
    let context: ExplorerContext
    let published: LayerWorker.Published
    let state: ViewState
    let view: ViewKind
    let theme: Theme
    /// Every layer's receptive field (nil for vectors).
    var receptiveFields: [ReceptiveField?] = []
    /// The cell cursor in the current layer's map, when on.
    var cursor: CellPosition?
    /// The dense layer's output neuron the arithmetic view shows.
    var neuron: Int?
    /// The current layer's values before its activation, when that toggle is on.
    var preActivation: PreActivationValues?
    /// Asked for, still being computed.
    var preActivationPending = false
    /// The channels strongest first, and the selected one's place, when channels are ranked.
    var channelRank: (rank: Int, order: [Int])?
    var occlusion = OcclusionJob.Progress()
    var weights = WeightsStatus()
    /// The second input beside the first, when compared.
    var comparison: ComparisonShown?
    /// The lesson step's text with this run's numbers, while a lesson runs.
    var lessonPage: LessonPanelView.Page?
    /// Warm medians of layers timed again in the background (empty before any).
    var warmTimings: [TimingSummary?] = []
    /// The roofline's ceilings, once measured.
    var ceilings: MachineCeilings?

    var network: Network { run.network }
    var layer: Int { state.layer }
    var node: Network.Node { network.nodes[state.layer] }

    /// Layer `index`'s output, when the worker has published it and is not rewriting it.
    func output(_ index: Int) -> Tensor? {
        index < published.readableCount ? run.outputs[index] : nil
    }

    func statistics(_ index: Int) -> LayerStatistics? {
        index < published.readableCount ? published.statistics[index] : nil
    }

    /// What a feature-map or vector view draws for the current layer (nil while not computed).
    func shownValues() -> ShownValues? {
        if let pre = preActivation, pre.layer == layer {
            return ShownValues(tensor: pre.tensor, statistics: pre.statistics, beforeActivation: true,
                               scaleMode: state.scaleMode)
        }
        if preActivationPending { return nil }
        guard let output = output(layer), let statistics = statistics(layer) else { return nil }
        return ShownValues(tensor: output, statistics: statistics, beforeActivation: false, scaleMode: state.scaleMode)
    }

    /// `before ReLU · ` while values before the activation are shown.
    var beforeActivationLabel: String? {
        guard let pre = preActivation, pre.layer == layer else { return nil }
        return "before \(pre.activation.displayName ?? "activation")"
    }

    /// What one forward pass of layer `index` costs: FLOPs, parameters, bytes.
    func cost(_ index: Int) -> LayerCost { LayerCost(node: network.nodes[index]) }

    /// Layer `index`'s time as the list and the panel show it, and what it is: the medians of a
    /// re-run (`r`) first, then a warm median, then the first run; nil when not timed.
    func timing(_ index: Int) -> ShownTiming? {
        guard index < published.computedCount else { return nil }
        if published.timedRuns > 1, let seconds = published.seconds[index] {
            return ShownTiming(seconds: seconds, kind: .rerunMedian(runs: published.timedRuns))
        }
        if index < warmTimings.count, let warm = warmTimings[index] {
            return ShownTiming(seconds: warm.median, kind: .warmMedian(warm))
        }
        return published.seconds[index].map { ShownTiming(seconds: $0, kind: .firstRun) }
    }

    /// Layer `index`'s time as shown (`timing(_:)`): what the list, panel, timing view and lessons
    /// all read, so that their numbers agree.
    func shownSeconds(_ index: Int) -> Double? { timing(index)?.seconds }

    /// Sum of the shown times of computed layers.
    var totalSeconds: Double { (0..<published.computedCount).reduce(0) { $0 + (shownSeconds($1) ?? 0) } }

    /// One line saying why layer `index` has nothing to show yet.
    func pendingMessage(for index: Int) -> String {
        if network.nodes[index].layer is LayerOutline {
            // `G`: the old weights are released before the new ones are drawn.
            return "initialising\(theme.ellipsis) old weights released, drawing new ones"
        }
        if index == layer, preActivationPending {
            return "computing \(node.layer.name) before its activation\(theme.ellipsis)"
        }
        switch published.activity {
        case .profiling(let runs):
            return "re-running the network \(runs) times\(theme.ellipsis)"
        case .computing(let current):
            let name = network.nodes[current].layer.name
            return current == index ? "computing \(name)\(theme.ellipsis)"
                                    : "computing \(name)\(theme.ellipsis) (then up to \(network.nodes[index].layer.name))"
        case nil:
            return "not computed yet"
        }
    }

    /// `min 0.1  max 3.4  mean 1.2  std 0.5`, or its first parts that fit in `width`.
    static func describe(_ stats: ActivationStats, width: Int = .max) -> String {
        Format.fit(parts: [["min \(Format.value(stats.min))"], ["max \(Format.value(stats.max))"],
                           ["mean \(Format.value(stats.mean))"], ["std \(Format.value(stats.std))"]],
                   separator: "  ", to: width)
    }
}

/// Where each part of the screen goes for a given size.
struct Layout {
    let screen: Rect
    let header: Rect
    let layerList: Rect
    let divider: Rect
    let content: Rect
    let status: Rect

    /// `listWidth`: the left column's width, when not the layer list's own.
    init(width: Int, height: Int, listWidth: Int? = nil) {
        screen = Rect(x: 0, y: 0, width: width, height: height)
        header = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let body = Rect(x: 0, y: 1, width: width, height: height - 2)
        let listWidth = listWidth ?? (width >= 120 ? 34 : 28)
        let (list, rest) = body.splitLeft(listWidth)
        layerList = list
        let (divider, content) = rest.splitLeft(1)
        self.divider = divider
        // One blank column between the divider and the content.
        self.content = Rect(x: content.x + 1, y: content.y, width: content.width - 1, height: content.height)
    }
}

/// The one line the top-K and filters views keep at their foot while the weights are random:
/// `note`'s forms, longest first; returns the area left above it.
func drawRandomWeightsNote(_ forms: [String], frame: Frame, into buffer: inout ScreenBuffer, in area: Rect) -> Rect {
    guard frame.context.randomWeights, area.height > 3 else { return area }
    let theme = frame.theme
    buffer.write(Format.fit(forms, to: area.width, ellipsis: theme.ellipsis), in: area, row: area.height - 1,
                 style: theme.warning)
    return Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1)
}
