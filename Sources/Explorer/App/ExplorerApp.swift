import Dispatch
import Engine
import Foundation
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

    public private(set) var context: ExplorerContext
    public let keyMap = KeyMap.standard
    /// The colour mode `c` starts from: the richest the terminal offered.
    private let richestMode: ColorMode
    public private(set) var colorMode: ColorMode
    var state = ViewState()
    private(set) var worker: LayerWorker
    private let clock: any MonotonicClock
    /// Redraws random weights under another scheme: a new run on the same input, and the header's
    /// weights description. Nil when the weights came from a file.
    public typealias Rebuild = @Sendable (InitScheme) throws -> (run: ForwardRun, weightsDescription: String)
    private var rebuild: Rebuild?
    /// The scheme the weights were drawn with, or the one being drawn.
    private(set) var initScheme = InitScheme.presetDefault
    /// What a rebuild hands the UI thread: the new run, or the error that stopped it, and the
    /// scheme that run's weights were drawn with (the one asked for, or the one before it when
    /// that failed).
    private typealias RebuildResult = (scheme: InitScheme, result: Result<(run: ForwardRun, weightsDescription: String), Error>)
    /// A rebuilt run waiting for the UI thread to take it.
    private let rebuilt = Locked<(result: RebuildResult?, count: Int)>((nil, 0))
    private let rebuildQueue = DispatchQueue(label: "alexnet-tui.rebuild", qos: .userInitiated)
    /// Change counts of the workers replaced so far, so `changeCount` never goes back.
    private var retiredChanges = 0
    /// True from `G` until the new weights are in: the worker then runs an outline of the network
    /// (no weights) and nothing is computed.
    private(set) var rebuilding = false
    /// Why neither the scheme asked for nor the one before could be drawn (the explorer then
    /// has no weights to compute with).
    private(set) var rebuildFailure: String?
    /// The layers computed before `G`, recomputed with the new weights.
    private var rebuildThrough = 0
    /// Each layer's activation std under the schemes shown before, to compare with the current.
    private(set) var earlierSchemes: [(scheme: InitScheme, stds: [Double?])] = []
    /// Occlusion sensitivity of the current weights and input, once asked for.
    let occlusion = OcclusionJob()
    var network: Network { worker.run.network }
    /// Each layer's receptive field in input pixels (nil for vectors).
    let receptiveFields: [ReceptiveField?]
    /// Which run and layer the values before the activation are for (computed off the UI thread).
    struct PreActivationKey: Equatable { let run: ObjectIdentifier; let layer: Int }
    private let preActivationState = Locked<(key: PreActivationKey?, values: PreActivationValues?, changes: Int)>((nil, nil, 0))
    private let preActivationQueue = DispatchQueue(label: "alexnet-tui.pre-activation", qos: .userInitiated)
    /// Where exports are written: the current directory, unless a test says otherwise.
    var exportDirectory = "."

    public convenience init(run: ForwardRun, context: ExplorerContext, colorMode: ColorMode) {
        self.init(run: run, context: context, colorMode: colorMode, clock: SystemClock())
    }

    /// `clock` times layers (a fake one makes screens deterministic, for tests and recordings).
    public init(run: ForwardRun, context: ExplorerContext, colorMode: ColorMode, clock: any MonotonicClock) {
        self.context = context
        self.colorMode = colorMode
        richestMode = colorMode
        self.clock = clock
        worker = LayerWorker(run: run, clock: clock)
        receptiveFields = run.network.receptiveFields
        worker.request(through: 0)
    }

    /// Bumps whenever background work finished something the screen shows.
    public var changeCount: Int {
        retiredChanges + worker.changeCount + rebuilt.withLock { $0.count } + occlusion.changes
            + preActivationState.withLock { $0.changes }
    }

    /// Lets `G` redraw the random weights under the next scheme (`current` is the one in use).
    public func allowInitSwitching(from current: InitScheme, rebuild: @escaping Rebuild) {
        initScheme = current
        self.rebuild = rebuild
    }

    /// Blocks until the engine has served every request so far (tests and benchmarks).
    public func waitUntilIdle() {
        rebuildQueue.sync {}
        adoptRebuiltRun()
        worker.waitUntilIdle()
        occlusion.wait()
        _ = preActivationValues()
        preActivationQueue.sync {}
    }

    // MARK: - Keys

    public func handle(_ key: Key) -> KeyResult {
        if key == .resize { return .handled }
        guard !network.nodes.isEmpty else { return keyMap.action(for: key, in: [.global]) == .quit ? .quit : .ignored }
        let view = currentView
        state.message = nil
        var contexts: [BindingContext] = []
        // While help is open its scroll keys come first; any other key closes it.
        if state.showHelp { contexts.append(.help) }
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

    func perform(_ action: Action) -> KeyResult {
        let last = network.nodes.count - 1
        // While the weights are being drawn the network is an outline: nothing to compute or show.
        if rebuilding, !Self.availableWhileRebuilding(action) { return .ignored }
        // Any key but the overlay's own closes help, and still does what it does.
        if state.showHelp, !Self.keepsHelpOpen(action) { state.showHelp = false }
        switch action {
        case .quit:
            return .quit
        case .closeOverlayOrQuit:
            guard state.showHelp else { return .quit }
            state.showHelp = false
        case .toggleHelp:
            state.showHelp.toggle()
            state.helpScroll = 0
        case .scrollHelp(let move):
            // Moved against the screen last drawn: its size decides the page and the end.
            state.helpScroll = helpOverlay(Theme(mode: colorMode)).scrolled(move, in: Self.helpArea(of: lastScreen))
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
        case .toggleCursor:
            guard channelCount(of: state.layer) > 0 || state.cursor != nil else { return .ignored }
            state.cursor = state.cursor == nil ? centreCell(of: state.layer) : nil
        case .cursorUp: moveCursor(dy: -1, dx: 0)
        case .cursorDown: moveCursor(dy: 1, dx: 0)
        case .cursorLeft: moveCursor(dy: 0, dx: -1)
        case .cursorRight: moveCursor(dy: 0, dx: 1)
        case .toggleArithmetic:
            if state.override == .arithmetic {
                state.override = nil
            } else {
                if state.cursor == nil, channelCount(of: state.layer) > 0 { state.cursor = centreCell(of: state.layer) }
                state.override = .arithmetic
            }
        case .togglePreActivation:
            state.preActivation.toggle()
        case .nextStrongestChannel:
            return jumpToNextStrongestChannel()
        case .toggleRanking:
            state.rankCriterion = state.rankCriterion == .mean ? .max : .mean
            state.rankWalk = nil
            state.showRanking = true
        case .toggleFilters:
            state.override = state.override == .filters ? nil : .filters
        case .toggleScales:
            state.override = state.override == .scales ? nil : .scales
        case .switchInitScheme:
            guard let rebuild else {
                state.message = "the weights come from a file: --init applies to random weights"
                return .handled
            }
            guard let outline = try? network.outline() else { return .ignored }
            state.override = .scales
            switchWeights(to: initScheme.next, outline: outline, rebuild: rebuild)
        case .occlusion:
            let progress = occlusion.progress
            if progress.running {
                occlusion.cancel()
                state.message = "occlusion cancelled"
            } else if progress.result == nil || state.override != .occlusion {
                if progress.result == nil { startOcclusion() }
                state.override = .occlusion
            } else {
                state.override = nil
            }
        case .exportTensor:
            state.message = exportTensor()
        case .exportPicture:
            state.message = exportPicture()
        }
        return .handled
    }

    private static func keepsHelpOpen(_ action: Action) -> Bool {
        switch action {
        case .quit, .closeOverlayOrQuit, .toggleHelp, .scrollHelp: true
        default: false
        }
    }

    // MARK: - Initialisation

    /// Keys that still work while the weights are drawn: nothing that computes or reads values.
    private static func availableWhileRebuilding(_ action: Action) -> Bool {
        switch action {
        case .quit, .closeOverlayOrQuit, .toggleHelp, .scrollHelp, .cycleColorMode, .toggleScaleMode: true
        default: false
        }
    }

    /// Redraws the weights under `scheme` holding one model's weights at a time: the worker is
    /// swapped for one on `outline` at once; in the background, the work still using the old
    /// weights (the layer being computed, occlusion, values before the activation) is stopped
    /// or waited for, which lets the old run go, and only then are the new weights drawn.
    private func switchWeights(to scheme: InitScheme, outline: Network, rebuild: @escaping Rebuild) {
        let previous = initScheme
        let published = worker.published
        let stds = (0..<network.nodes.count).map { $0 < published.readableCount ? published.statistics[$0]?.overall.std : nil }
        earlierSchemes.removeAll { $0.scheme == previous }
        earlierSchemes.append((previous, stds))
        rebuildThrough = max(published.computedCount - 1, state.layer)
        initScheme = scheme
        rebuilding = true

        // The UI's own references to the old run go now; the retiring worker is the last one.
        let retiring = Locked<LayerWorker?>(worker)
        worker.stop()
        occlusion.cancel()
        retiredChanges += worker.changeCount + 1
        worker = LayerWorker(run: ForwardRun(network: outline, input: worker.run.input), clock: clock)
        dropCachedValues()
        rebuildQueue.async { [rebuilt, occlusion, preActivationQueue] in
            retiring.withLock { $0 }?.waitUntilIdle()
            retiring.withLock { $0 = nil }
            occlusion.wait()
            occlusion.clear()
            preActivationQueue.sync {}
            // The old weights are gone: draw the new ones (or, failing that, the old scheme again).
            let result: RebuildResult
            do {
                result = (scheme, .success(try rebuild(scheme)))
            } catch {
                result = (previous, Result { try rebuild(previous) }.mapError { _ in error })
            }
            rebuilt.withLock { $0 = (result, $0.count + 1) }
        }
    }

    /// Forgets values drawn from the current run: caches keyed by object identity (which a new
    /// run may reuse) and the values before the activation.
    private func dropCachedValues() {
        histogramCache = nil
        weightSummaryCache = nil
        denseArithmeticCache = nil
        preActivationState.withLock { $0 = (nil, nil, $0.changes + 1) }
    }

    /// Takes a run rebuilt in the background (UI thread): a new worker recomputes every layer that
    /// was computed, so the scales view compares like with like.
    private func adoptRebuiltRun() {
        guard let (scheme, result) = rebuilt.withLock({ state -> RebuildResult? in
            defer { state.result = nil }
            return state.result
        }) else { return }
        switch result {
        case .success(let (run, description)):
            rebuilding = false
            retiredChanges += worker.changeCount + 1
            worker = LayerWorker(run: run, clock: clock)
            worker.request(through: rebuildThrough)
            dropCachedValues()
            context.weightsDescription = description
            if scheme == initScheme {
                state.message = "weights redrawn: \(scheme.displayName); recomputing"
            } else {
                state.message = "could not draw \(initScheme.displayName) weights; back to \(scheme.displayName)"
                initScheme = scheme
            }
        case .failure(let error):
            rebuildFailure = "could not redraw the weights: \(error)"
        }
    }

    /// Grey in the network's input space: mid-grey undone through the preprocessing, or the
    /// middle of each channel's range when that is unknown.
    private func startOcclusion() {
        let input = worker.run.input
        let fill: [Float]
        switch context.inputNormalization {
        case let .meanStd(mean, std):
            fill = (0..<3).map { (0.5 - mean[$0]) / std[$0] }
        case .autoRange:
            let values = UnsafeBufferPointer(input.buffer), channels = input.shape[2]
            fill = (0..<channels).map { channel in
                let stats = ActivationStats(UnsafeBufferPointer(rebasing: values[channel...]), stride: channels)
                return Float((stats.min + stats.max) / 2)
            }
        }
        occlusion.start(network: network, input: input, fill: Array(fill.prefix(input.shape[2])))
    }

    // MARK: - Cell cursor and ranking

    private func centreCell(of layer: Int) -> CellPosition {
        let shape = network.nodes[layer].outputShape
        return CellPosition(y: shape[0] / 2, x: shape[1] / 2)
    }

    /// The cursor inside `layer`'s map, or nil when it is off or the layer is a vector.
    func cursorCell(for layer: Int) -> CellPosition? {
        let shape = network.nodes[layer].outputShape
        guard let cursor = state.cursor, shape.isFeatureMap else { return nil }
        return CellPosition(y: min(max(cursor.y, 0), shape[0] - 1), x: min(max(cursor.x, 0), shape[1] - 1))
    }

    private func moveCursor(dy: Int, dx: Int) {
        guard var cell = cursorCell(for: state.layer) else { return }
        let shape = network.nodes[state.layer].outputShape
        cell.y = min(max(cell.y + dy, 0), shape[0] - 1)
        cell.x = min(max(cell.x + dx, 0), shape[1] - 1)
        state.cursor = cell
    }

    /// The cell of layer `to` whose receptive field is centred nearest the field of `cell` in
    /// layer `from`, so the cursor stays over the same part of the image between layers.
    private func carryCursor(_ cell: CellPosition, from: Int, to: Int) -> CellPosition {
        guard let old = receptiveFields[from], let new = receptiveFields[to] else { return cell }
        func carry(_ index: Int, _ start: Int, _ size: Int, _ jump: Int,
                   _ newStart: Int, _ newSize: Int, _ newJump: Int) -> Int {
            let centre = 2 * (start + index * jump) + size - 1   // twice the centre, in pixels
            let offset = centre - (2 * newStart + newSize - 1)
            return Int((Double(offset) / Double(2 * newJump)).rounded())
        }
        return CellPosition(y: carry(cell.y, old.top, old.height, old.jumpY, new.top, new.height, new.jumpY),
                            x: carry(cell.x, old.left, old.width, old.jumpX, new.left, new.width, new.jumpX))
    }

    private func jumpToNextStrongestChannel() -> KeyResult {
        guard let statistics = worker.published.statistics[state.layer], !statistics.channels.isEmpty,
              state.layer < worker.published.readableCount else { return .ignored }
        let order = ChannelRanking.order(statistics.channels, by: state.rankCriterion)
        // The first press goes to the strongest; the next ones walk down the ranking.
        let position = state.rankWalk.flatMap { order.indices.contains($0) && order[$0] == state.channel ? $0 + 1 : nil } ?? 0
        state.rankWalk = position % order.count
        state.channel = order[position % order.count]
        state.showRanking = true
        if ![.map, .grid].contains(currentView) { show(.map) }
        return .handled
    }

    /// The output neuron of dense layer `layer` the arithmetic view shows: the one chosen, or
    /// else the strongest once computed (fc8's top class); nil for other layers.
    func selectedNeuron(of layer: Int) -> Int? {
        guard let dense = network.nodes[layer].layer as? Dense else { return nil }
        if let neuron = state.neuron { return min(max(neuron, 0), dense.outputs - 1) }
        guard layer < worker.published.readableCount else { return 0 }
        return worker.published.statistics[layer]?.ranked.first ?? 0
    }

    /// The channels strongest first and the selected one's place (0 = strongest), once the
    /// user ranks channels.
    func channelRank() -> (rank: Int, order: [Int])? {
        guard state.showRanking, let statistics = worker.published.statistics[state.layer],
              state.layer < worker.published.readableCount, !statistics.channels.isEmpty else { return nil }
        let order = ChannelRanking.order(statistics.channels, by: state.rankCriterion)
        return order.firstIndex(of: state.channel).map { ($0, order) }
    }

    // MARK: - Export

    /// Writes the current layer's values (before the activation when those are shown) as `.npy`;
    /// returns the status line's message.
    private func exportTensor() -> String {
        let name = network.nodes[state.layer].layer.name
        if preActivationPending { return "the values before the activation are still being computed" }
        let pre = preActivationValues()
        guard let tensor = pre?.tensor ?? (state.layer < worker.published.readableCount ? worker.run.outputs[state.layer] : nil) else {
            return "\(name) is not computed yet: nothing to save"
        }
        let file = "\(network.name)-\(name)\(pre == nil ? "" : "-before-activation").npy"
        return save(NumpyFile.encode(tensor), file: file, what: "\(name) \(tensor.shape) float32")
    }

    /// Writes the picture on screen (the map's channel, the input image, the occlusion map) as
    /// PPM, or PGM in ASCII mode, enlarged without smoothing.
    private func exportPicture() -> String {
        guard let picture = ExportPicture.make(app: self) else {
            return "pictures are saved from the map and input views of a computed layer"
        }
        let grey = colorMode == .ascii
        let pixels = grey ? picture.grey : picture.rgb
        let channels = grey ? 1 : 3
        let factor = max(1, 448 / max(picture.width, picture.height))
        let large = NetpbmPicture.upscale(pixels, width: picture.width, height: picture.height, channels: channels, factor: factor)
        let file = picture.name + (grey ? ".pgm" : ".ppm")
        return save(NetpbmPicture.encode(width: picture.width * factor, height: picture.height * factor,
                                         channels: channels, pixels: large),
                    file: file, what: "\(picture.width * factor)x\(picture.height * factor) picture")
    }

    private func save(_ bytes: [UInt8], file: String, what: String) -> String {
        let path = exportDirectory == "." ? file : exportDirectory + "/" + file
        do {
            try writeAtomically(bytes, to: path)
            let shown = exportDirectory == "." ? FileManager.default.currentDirectoryPath + "/" + file : path
            return "saved \(what) to \(shown)"
        } catch {
            return "could not save: \(error)"
        }
    }

    // MARK: - Before the activation

    /// The current layer's values before its activation, when asked for and computed; asks the
    /// background queue for them otherwise (they take up to ~0.1 s for seed's conv2).
    func preActivationValues() -> PreActivationValues? {
        let layer = state.layer, node = network.nodes[layer], run = worker.run
        guard state.preActivation, let activation = PreActivation.activation(of: node.layer), activation != .identity,
              layer < worker.published.readableCount else { return nil }
        let key = PreActivationKey(run: ObjectIdentifier(run), layer: layer)
        let (values, needed) = preActivationState.withLock { state -> (PreActivationValues?, Bool) in
            if state.key == key { return (state.values, false) }
            state = (key, nil, state.changes)
            return (nil, true)
        }
        if needed {
            preActivationQueue.async { [preActivationState] in
                let source = node.source.map { run.outputs[$0] } ?? run.input
                let values = (try? PreActivation.compute(node.layer, input: source)).flatMap { tensor in
                    tensor.map { PreActivationValues(layer: layer, tensor: $0, output: run.outputs[layer], activation: activation) }
                }
                preActivationState.withLock { state in
                    guard state.key == key else { return }
                    state.values = values
                    state.changes += 1
                }
            }
        }
        return values
    }

    /// True while the values before the activation are asked for but not ready.
    var preActivationPending: Bool {
        guard state.preActivation, state.layer < worker.published.readableCount,
              PreActivation.activation(of: network.nodes[state.layer].layer).map({ $0 != .identity }) == true
        else { return false }
        return preActivationValues() == nil
    }

    private func select(layer: Int) {
        if let cell = cursorCell(for: state.layer), network.nodes[layer].outputShape.isFeatureMap {
            state.cursor = carryCursor(cell, from: state.layer, to: layer)
        }
        state.rankWalk = nil
        state.neuron = nil
        state.layer = layer
        state.channel = min(state.channel, max(channelCount(of: layer) - 1, 0))
        worker.request(through: layer)
    }

    private func moveChannel(by delta: Int) -> KeyResult {
        // In the arithmetic view of a dense layer the channel keys choose the neuron.
        if currentView == .arithmetic, let dense = network.nodes[state.layer].layer as? Dense {
            state.neuron = min(max((selectedNeuron(of: state.layer) ?? 0) + delta, 0), dense.outputs - 1)
            return .handled
        }
        let count = channelCount(of: state.layer)
        guard count > 1, [.map, .grid, .arithmetic, .filters].contains(currentView) else { return .ignored }
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
        case .arithmetic, .filters, .scales, .occlusion:
            state.override = view
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

    /// The last dense weight summary drawn (UI thread only); weights never change in a run.
    private var weightSummaryCache: (layer: ObjectIdentifier, bins: Int, summary: FiltersView.WeightSummary)?

    private func cachedWeightSummary(_ dense: Dense, bins: Int) -> FiltersView.WeightSummary {
        if let cache = weightSummaryCache, cache.layer == ObjectIdentifier(dense), cache.bins == bins { return cache.summary }
        let summary = FiltersView.WeightSummary(dense, bins: bins)
        weightSummaryCache = (ObjectIdentifier(dense), bins, summary)
        return summary
    }

    /// The size of the screen last rendered (help scrolls by its pages); a terminal's usual
    /// size until the first render.
    private var lastScreen = Rect(x: 0, y: 0, width: 80, height: 24)

    /// Where the help overlay goes: the screen above the status line, which keeps its hints.
    static func helpArea(of screen: Rect) -> Rect { screen.splitTop(screen.height - 1).top }

    private func helpOverlay(_ theme: Theme) -> HelpOverlay {
        HelpOverlay(theme: theme, keyMap: keyMap, scroll: state.helpScroll)
    }

    /// The last dense neuron's arithmetic drawn, by layer, input and neuron (UI thread only). An
    /// input's values only change in a re-run, which recomputes them identically.
    private var denseArithmeticCache: (layer: ObjectIdentifier, input: ObjectIdentifier, neuron: Int, sum: NeuronArithmetic)?

    private func cachedDenseArithmetic(_ dense: Dense, input: Tensor, neuron: Int, map: FlattenedMap?) throws -> NeuronArithmetic {
        if let cache = denseArithmeticCache, cache.layer == ObjectIdentifier(dense), cache.input == ObjectIdentifier(input),
           cache.neuron == neuron {
            return cache.sum
        }
        let sum = try dense.arithmetic(input: input, output: neuron, flattenedFrom: map)
        denseArithmeticCache = (ObjectIdentifier(dense), ObjectIdentifier(input), neuron, sum)
        return sum
    }

    public func render(width: Int, height: Int) -> ScreenBuffer {
        adoptRebuiltRun()
        lastScreen = Rect(x: 0, y: 0, width: width, height: height)
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
        var frame = Frame(run: worker.run, context: context, published: worker.published, state: state,
                          view: currentView, theme: theme)
        frame.receptiveFields = receptiveFields
        frame.cursor = cursorCell(for: state.layer)
        frame.neuron = selectedNeuron(of: state.layer)
        frame.preActivation = preActivationValues()
        frame.preActivationPending = frame.preActivation == nil && preActivationPending
        frame.channelRank = channelRank()
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
        case .arithmetic: ArithmeticView(frame: frame, denseArithmetic: cachedDenseArithmetic).draw(into: &buffer, in: main)
        case .filters: FiltersView(frame: frame, weightSummary: cachedWeightSummary).draw(into: &buffer, in: main)
        case .occlusion: OcclusionView(frame: frame, progress: occlusion.progress).draw(into: &buffer, in: main)
        case .scales: ScalesView(frame: frame, scheme: initScheme, rebuilding: rebuilding,
                                 canSwitch: rebuild != nil,
                                 earlier: earlierSchemes.filter { $0.scheme != initScheme },
                                 failure: rebuildFailure).draw(into: &buffer, in: main)
        }
        StatusLine(frame: frame, keyMap: keyMap).draw(into: &buffer, in: layout.status)
        if state.showHelp { helpOverlay(theme).draw(into: &buffer, in: Self.helpArea(of: layout.screen)) }
        return buffer
    }
}
