import Engine

/// Draws whole screens from a `Frame`, and owns what drawing remembers between frames: the
/// last histogram, dense weight summary and dense neuron sum drawn (each costs a pass over a
/// whole tensor), and the size drawn last. It changes nothing of the explorer's state.
///
/// A new view is a new file with a `draw(into:in:)` and one line in `drawMain`.
final class ExplorerScreen {
    /// Below this the screen asks for a larger window.
    static let minimumWidth = 60
    static let minimumHeight = 16

    /// The size of the screen last drawn (help scrolls by its pages); a terminal's usual size
    /// until the first one.
    private(set) var lastSize = Rect(x: 0, y: 0, width: 80, height: 24)
    /// What a click on the screen last drawn points at.
    private(set) var lastHits = HitMap()
    /// How many pages the lesson step's text took on the screen last drawn.
    private(set) var lastLessonTextPages = 1
    /// An output's values only change in a re-run, which recomputes them identically.
    private var histograms = LastValueCache<Histogram>()
    /// Weights never change in a run.
    private var weightSummaries = LastValueCache<FiltersView.WeightSummary>()
    /// By layer, input and neuron.
    private var denseArithmetic = LastValueCache<NeuronArithmetic>()

    /// Where the help overlay goes: the screen above the status line, which keeps its hints.
    static func helpArea(of screen: Rect) -> Rect { screen.splitTop(screen.height - 1).top }

    /// Forgets what was drawn from the run in use: the caches are keyed by object identity,
    /// which a new run may reuse.
    func forgetRun() {
        histograms = LastValueCache()
        weightSummaries = LastValueCache()
        denseArithmetic = LastValueCache()
    }

    /// The whole screen; `frame` is nil when the network has no layers.
    func draw(_ frame: Frame?, keyMap: KeyMap, theme: Theme, width: Int, height: Int) -> ScreenBuffer {
        lastSize = Rect(x: 0, y: 0, width: width, height: height)
        lastHits = HitMap()
        lastLessonTextPages = 1
        var buffer = ScreenBuffer(width: width, height: height)
        guard let frame else {
            buffer.write("the network has no layers", x: 0, y: 0, foreground: theme.error.foreground)
            return buffer
        }
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            TooSmallView(theme: theme, minimumWidth: Self.minimumWidth, minimumHeight: Self.minimumHeight)
                .draw(into: &buffer)
            return buffer
        }
        if frame.state.fullScreen {
            drawFullScreen(frame, keyMap: keyMap, theme: theme, into: &buffer)
            return buffer
        }
        // A lesson's text takes the layer list's place, in a wider column.
        let layout = Layout(width: width, height: height, listWidth: frame.lessonPage == nil ? nil : LessonPanelView.width(for: width))
        HeaderView(frame: frame).draw(into: &buffer, in: layout.header)
        var hits: HitMap
        if let page = frame.lessonPage {
            let panel = LessonPanelView(page: page, textPage: frame.state.lessonTextPage, theme: theme)
            panel.draw(into: &buffer, in: layout.layerList)
            lastLessonTextPages = panel.pageCount(in: layout.layerList)
            hits = HitMap()
        } else {
            hits = LayerListView(frame: frame).draw(into: &buffer, in: layout.layerList)
        }
        buffer.fill(layout.divider, with: Cell(theme.verticalLine, foreground: theme.border.foreground))
        let (panel, main) = layout.content.splitTop(LayerPanelView.height(for: layout.content))
        LayerPanelView(frame: frame, histogram: histogram).draw(into: &buffer, in: panel)
        hits.add(drawMain(frame, into: &buffer, in: main))
        StatusLine(frame: frame, keyMap: keyMap).draw(into: &buffer, in: layout.status)
        if frame.state.showHelp {
            HelpOverlay(theme: theme, keyMap: keyMap, scroll: frame.state.helpScroll)
                .draw(into: &buffer, in: Self.helpArea(of: layout.screen))
        } else {
            lastHits = hits
        }
        return buffer
    }

    /// `f`: the main view alone on the whole terminal, for projecting; help still opens over it.
    private func drawFullScreen(_ frame: Frame, keyMap: KeyMap, theme: Theme, into buffer: inout ScreenBuffer) {
        let screen = Rect(x: 0, y: 0, width: buffer.width, height: buffer.height)
        lastHits = drawMain(frame, into: &buffer, in: screen)
        if frame.state.showHelp {
            HelpOverlay(theme: theme, keyMap: keyMap, scroll: frame.state.helpScroll).draw(into: &buffer, in: Self.helpArea(of: screen))
        }
    }

    /// The main area; returns what in it a click can point at.
    private func drawMain(_ frame: Frame, into buffer: inout ScreenBuffer, in main: Rect) -> HitMap {
        if frame.comparison != nil, [.map, .grid, .vector, .topK].contains(frame.view) {
            return drawCompared(frame, into: &buffer, in: main)
        }
        switch frame.view {
        case .map: return MapView(frame: frame).draw(into: &buffer, in: main)
        case .grid: return GridView(frame: frame).draw(into: &buffer, in: main)
        case .vector: VectorView(frame: frame).draw(into: &buffer, in: main)
        case .topK: TopKView(frame: frame).draw(into: &buffer, in: main)
        case .input: InputView(frame: frame).draw(into: &buffer, in: main)
        case .timing: TimingView(frame: frame).draw(into: &buffer, in: main)
        case .roofline: RooflineView(frame: frame).draw(into: &buffer, in: main)
        case .arithmetic: ArithmeticView(frame: frame, denseArithmetic: neuronSum).draw(into: &buffer, in: main)
        case .filters: FiltersView(frame: frame, weightSummary: weightSummary).draw(into: &buffer, in: main)
        case .occlusion: OcclusionView(frame: frame, progress: frame.occlusion).draw(into: &buffer, in: main)
        case .scales:
            let weights = frame.weights
            ScalesView(frame: frame, scheme: weights.scheme, rebuilding: weights.rebuilding, canSwitch: weights.canSwitch,
                       earlier: weights.earlier.filter { $0.scheme != weights.scheme },
                       failure: weights.failure).draw(into: &buffer, in: main)
        }
        return HitMap()
    }

    /// A layer beside the second input's: the similarity strip, then A, B and A − B.
    private func drawCompared(_ frame: Frame, into buffer: inout ScreenBuffer, in main: Rect) -> HitMap {
        let (strip, rest) = main.splitTop(ComparisonStripView.height)
        ComparisonStripView(frame: frame).draw(into: &buffer, in: strip)
        let area = rest.splitTop(1).rest
        switch frame.view {
        case .map: return ComparisonMapView(frame: frame).draw(into: &buffer, in: area)
        case .grid: return ComparisonGridView(frame: frame).draw(into: &buffer, in: area)
        case .vector: ComparisonVectorView(frame: frame).draw(into: &buffer, in: area)
        default: ComparisonTopKView(frame: frame).draw(into: &buffer, in: area)
        }
        return HitMap()
    }

    private func histogram(_ output: Tensor, bins: Int, stats: ActivationStats) -> Histogram {
        histograms.value(for: [ObjectIdentifier(output)], bins) {
            Histogram(UnsafeBufferPointer(output.buffer), bins: bins, low: stats.min, high: stats.max)
        }
    }

    private func weightSummary(_ dense: Dense, bins: Int) -> FiltersView.WeightSummary {
        weightSummaries.value(for: [ObjectIdentifier(dense)], bins) { FiltersView.WeightSummary(dense, bins: bins) }
    }

    private func neuronSum(_ dense: Dense, input: Tensor, neuron: Int, map: FlattenedMap?) throws -> NeuronArithmetic {
        try denseArithmetic.value(for: [ObjectIdentifier(dense), ObjectIdentifier(input)], neuron) {
            try dense.arithmetic(input: input, output: neuron, flattenedFrom: map)
        }
    }
}

/// The last value worked out, by the objects and the number it was worked out from.
struct LastValueCache<Value> {
    private var last: (objects: [ObjectIdentifier], number: Int, value: Value)?

    mutating func value(for objects: [ObjectIdentifier], _ number: Int, make: () throws -> Value) rethrows -> Value {
        if let last, last.objects == objects, last.number == number { return last.value }
        let value = try make()
        last = (objects, number, value)
        return value
    }
}
