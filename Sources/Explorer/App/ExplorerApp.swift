import Engine
import Profiling

/// The explorer without a terminal: keys in, screen buffers out.
///
/// `handle` and `render` are called from one thread (the front end's); engine work runs on a
/// `LayerWorker` queue, and `changeCount` tells the front end when that work changed the screen.
public final class ExplorerApp: @unchecked Sendable {
    /// Below this the screen asks for a larger window.
    public static let minimumWidth = 60
    public static let minimumHeight = 16
    /// Whole-network runs behind the medians of the timing view's re-run.
    static let timingRepeats = 5

    public let context: ExplorerContext
    public let keyMap = KeyMap.standard
    /// The colour mode `c` starts from: the richest the terminal offered.
    private let richestMode: ColorMode
    public private(set) var colorMode: ColorMode
    var state = ViewState()
    let worker: LayerWorker
    var network: Network { worker.run.network }

    public convenience init(run: ForwardRun, context: ExplorerContext, colorMode: ColorMode) {
        self.init(run: run, context: context, colorMode: colorMode, clock: SystemClock())
    }

    /// `clock` times layers (a fake one makes screens deterministic, for tests and recordings).
    public init(run: ForwardRun, context: ExplorerContext, colorMode: ColorMode, clock: any MonotonicClock) {
        self.context = context
        self.colorMode = colorMode
        richestMode = colorMode
        worker = LayerWorker(run: run, clock: clock)
        worker.request(through: 0)
    }

    /// Bumps whenever background work finished something the screen shows.
    public var changeCount: Int { worker.changeCount }

    /// Blocks until the engine has served every request so far (tests and benchmarks).
    public func waitUntilIdle() { worker.waitUntilIdle() }

    // MARK: - Keys

    public func handle(_ key: Key) -> KeyResult {
        if key == .resize { return .handled }
        guard !network.nodes.isEmpty else { return keyMap.action(for: key, in: [.global]) == .quit ? .quit : .ignored }
        let view = currentView
        var contexts: [BindingContext] = []
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

    func perform(_ action: Action) -> KeyResult {
        let last = network.nodes.count - 1
        if state.showHelp, ![.quit, .closeOverlayOrQuit, .toggleHelp].contains(action) { state.showHelp = false }
        switch action {
        case .quit:
            return .quit
        case .closeOverlayOrQuit:
            guard state.showHelp else { return .quit }
            state.showHelp = false
        case .toggleHelp:
            state.showHelp.toggle()
        case .nextLayer:
            guard state.layer < last else { return .ignored }
            select(layer: state.layer + 1)
        case .previousLayer:
            guard state.layer > 0 else { return .ignored }
            select(layer: state.layer - 1)
        case .firstLayer:
            select(layer: 0)
        case .lastLayer:
            select(layer: last)
        case .nextChannel: return moveChannel(by: 1)
        case .previousChannel: return moveChannel(by: -1)
        case .channelsForward: return moveChannel(by: KeyMap.channelPage)
        case .channelsBack: return moveChannel(by: -KeyMap.channelPage)
        case .nextView, .previousView:
            let views = availableViews(for: state.layer)
            let index = views.firstIndex(of: currentView) ?? 0
            show(views[(index + (action == .nextView ? 1 : views.count - 1)) % views.count])
        case .openSelected:
            guard currentView == .grid else { return .ignored }
            state.featureView = .map
        case .toggleInput:
            state.override = state.override == .input ? nil : .input
        case .toggleTiming:
            state.override = state.override == .timing ? nil : .timing
        case .toggleScaleMode:
            state.scaleMode = state.scaleMode == .perChannel ? .perLayer : .perChannel
        case .cycleColorMode:
            let modes = Array(ColorMode.allCases.drop(while: { $0 != richestMode }))
            colorMode = modes[((modes.firstIndex(of: colorMode) ?? 0) + 1) % modes.count]
        case .rerunTiming:
            if case .profiling = worker.published.activity { return .ignored }
            worker.profileAll(repeats: Self.timingRepeats)
        }
        return .handled
    }

    private func select(layer: Int) {
        state.layer = layer
        state.channel = min(state.channel, max(channelCount(of: layer) - 1, 0))
        worker.request(through: layer)
    }

    private func moveChannel(by delta: Int) -> KeyResult {
        let count = channelCount(of: state.layer)
        guard count > 1, [.map, .grid].contains(currentView) else { return .ignored }
        state.channel = min(max(state.channel + delta, 0), count - 1)
        return .handled
    }

    private func show(_ view: ViewKind) {
        switch view {
        case .input, .timing:
            state.override = view
        case .map, .grid:
            state.override = nil
            state.featureView = view
        case .vector, .topK:
            state.override = nil
            if isClassifier(state.layer) { state.classifierView = view }
        }
    }

    // MARK: - What is shown

    func channelCount(of layer: Int) -> Int {
        let shape = network.nodes[layer].outputShape
        return shape.isFeatureMap ? shape[2] : 0
    }

    func isClassifier(_ layer: Int) -> Bool {
        let (logits, probabilities) = LayerWorker.classifierLayers(of: network)
        return layer == logits || layer == probabilities
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

    /// The view filling the main area now.
    public var currentView: ViewKind {
        if let override = state.override { return override }
        if network.nodes[state.layer].outputShape.isFeatureMap { return state.featureView }
        return isClassifier(state.layer) ? state.classifierView : .vector
    }

    // MARK: - Drawing

    /// The last histogram drawn, by output and bin count (UI thread only). An output's values
    /// only change in a re-run, which recomputes them identically.
    private var histogramCache: (output: ObjectIdentifier, bins: Int, histogram: Histogram)?

    private func cachedHistogram(_ output: Tensor, bins: Int, stats: ActivationStats) -> Histogram {
        if let cache = histogramCache, cache.output == ObjectIdentifier(output), cache.bins == bins {
            return cache.histogram
        }
        let histogram = Histogram(UnsafeBufferPointer(output.buffer), bins: bins, low: stats.min, high: stats.max)
        histogramCache = (ObjectIdentifier(output), bins, histogram)
        return histogram
    }

    public func render(width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let theme = Theme(mode: colorMode)
        guard !network.nodes.isEmpty else {
            buffer.write("the network has no layers", x: 0, y: 0, foreground: theme.error.foreground)
            return buffer
        }
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            TooSmallView(theme: theme, minimumWidth: Self.minimumWidth, minimumHeight: Self.minimumHeight)
                .draw(into: &buffer)
            return buffer
        }
        let frame = Frame(run: worker.run, context: context, published: worker.published, state: state,
                          view: currentView, theme: theme)
        let layout = Layout(width: width, height: height)
        HeaderView(frame: frame).draw(into: &buffer, in: layout.header)
        LayerListView(frame: frame).draw(into: &buffer, in: layout.layerList)
        buffer.fill(layout.divider, with: Cell(theme.verticalLine, foreground: theme.border.foreground))
        let (panel, main) = layout.content.splitTop(LayerPanelView.height(for: layout.content))
        LayerPanelView(frame: frame, histogram: cachedHistogram).draw(into: &buffer, in: panel)
        switch frame.view {
        case .map: MapView(frame: frame).draw(into: &buffer, in: main)
        case .grid: GridView(frame: frame).draw(into: &buffer, in: main)
        case .vector: VectorView(frame: frame).draw(into: &buffer, in: main)
        case .topK: TopKView(frame: frame).draw(into: &buffer, in: main)
        case .input: InputView(frame: frame).draw(into: &buffer, in: main)
        case .timing: TimingView(frame: frame).draw(into: &buffer, in: main)
        }
        StatusLine(frame: frame, keyMap: keyMap).draw(into: &buffer, in: layout.status)
        if state.showHelp { HelpOverlay(theme: theme, keyMap: keyMap).draw(into: &buffer, in: layout.screen) }
        return buffer
    }
}
