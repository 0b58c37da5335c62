import Engine
import Profiling

/// The explorer without a terminal: keys in, screen buffers out. This type is wiring only.
///
/// ## Adding an explorer feature
/// A new file, plus a line that registers it:
/// - **A key**: a binding in `KeyMap.standard` (and README's key table), an `Action` case, and
///   an `Update` method in `Update/` that changes the `ViewState` and lists `Effect`s (pure: it
///   starts nothing), routed by one line of `Update.perform`.
/// - **Background work**: a `BackgroundJob` type beside `OcclusionJob`, held here and listed in
///   `jobs`; `run(_:)` starts it for its `Effect`, and `tick()` adopts what it hands back.
/// - **A view**: a `ViewKind` case and a file in `Views/` that draws a `Frame` (what the map
///   shows comes from `Frame.shownValues()`), one line in `ExplorerScreen.drawMain`.
///
/// An action is tested on a hand-built `Situation`, without a worker (`UpdateTests`); every key
/// of the table joins the key storm (`KeyStormTests`) by itself.
///
/// `handle`, `tick` and `render` are called from one thread, the front end's; nothing here
/// crosses threads (the jobs do, each under its own lock).
public final class ExplorerApp {
    /// Whole-network runs behind the medians of the timing view's re-run.
    static let timingRepeats = 5

    public private(set) var context: ExplorerContext
    public let keyMap = KeyMap.standard
    /// The colour mode `c` starts from: the richest the terminal offered.
    private let richestMode: ColorMode
    var state = ViewState()
    /// Computes layers, and re-runs the network for timing: both on its one queue, the only one
    /// that may touch the run. Replaced when the weights are redrawn.
    var worker: LayerWorker
    let occlusion = OcclusionJob()
    let preActivation = PreActivationJob()
    let weights = WeightsRedrawJob()
    /// The second input beside the first, when one is compared.
    let comparison = ComparisonJob()
    /// What the comparison key cycles through (none until `allowComparison`).
    var comparisonChoices: ComparisonChoices?
    let retiming: RetimingJob
    let ceilings: CeilingsJob
    let screen = ExplorerScreen()
    let clock: any MonotonicClock
    /// Each layer's receptive field in input pixels (nil for vectors).
    let receptiveFields: [ReceptiveField?]
    /// Where exports are written: the current directory, unless a test says otherwise.
    var exportDirectory = "."
    /// Change counts of the workers replaced so far, so `changeCount` never goes back.
    var retiredChanges = 0
    /// The lesson `L` starts: the built-in one unless `startLesson` gave another.
    var lesson: Lesson?
    /// The seed of the mask `d` switches dropout to; nil: `d` explains why it cannot.
    var dropoutSeed: UInt64?
    /// How the dropout layers run; kept when the weights are redrawn.
    var dropoutMode: DropoutMode

    public convenience init(run: ForwardRun, context: ExplorerContext, colorMode: ColorMode) {
        self.init(run: run, context: context, colorMode: colorMode, clock: SystemClock())
    }

    /// `clock` times layers (a fake one makes screens deterministic, for tests and recordings);
    /// `ceilings` fixes the roofline's ceilings, which are otherwise measured when first needed.
    public init(run: ForwardRun, context: ExplorerContext, colorMode: ColorMode, clock: any MonotonicClock,
                ceilings: MachineCeilings? = nil) {
        self.context = context
        state.colorMode = colorMode
        richestMode = colorMode
        self.clock = clock
        retiming = RetimingJob(clock: clock)
        self.ceilings = CeilingsJob(fixed: ceilings)
        worker = LayerWorker(run: run, clock: clock)
        receptiveFields = run.network.receptiveFields
        dropoutMode = run.network.dropoutMode
        lesson = try? LessonParser(file: BuiltInLesson.name, model: LessonModel(run.network)).parse(BuiltInLesson.bytes)
        worker.request(through: 0)
    }

    public var colorMode: ColorMode { state.colorMode }
    /// The view filling the main area now.
    public var currentView: ViewKind { situation.currentView(state) }
    var network: Network { worker.run.network }
    private var jobs: [any BackgroundJob] { [worker, occlusion, preActivation, weights, comparison, retiming, ceilings] }

    /// Bumps whenever background work finished something the screen shows.
    public var changeCount: Int { jobs.reduce(retiredChanges) { $0 + $1.changeCount } }

    /// Redraws random weights under another scheme: a new run on the same input, and the header's
    /// weights description.
    public typealias Rebuild = @Sendable (InitScheme) throws -> (run: ForwardRun, weightsDescription: String)

    /// Blocks until the engine has served every request so far (tests and benchmarks).
    public func waitUntilIdle() {
        weights.waitUntilIdle()
        tick()
        worker.waitUntilIdle()
        occlusion.waitUntilIdle()
        tick()
        preActivation.waitUntilIdle()
        comparison.waitUntilIdle()
        tick()
        comparison.waitUntilIdle()
        retiming.waitUntilIdle()
        ceilings.waitUntilIdle()
    }

    /// What the action function and the screen read now.
    var situation: Situation {
        Situation(run: worker.run, context: context, published: worker.published, receptiveFields: receptiveFields,
                  keyMap: keyMap, richestMode: richestMode, helpArea: ExplorerScreen.helpArea(of: screen.lastSize),
                  occlusion: occlusion.progress, weights: weights.status,
                  comparison: comparison.published, comparisonChoices: comparisonChoices?.inputs ?? [],
                  hits: screen.lastHits, lesson: lesson, lessonTextPages: screen.lastLessonTextPages,
                  dropoutSeed: dropoutSeed,

                  warmTimings: retiming.summaries(for: worker.run), ceilings: ceilings.ceilings)
    }

    public func handle(_ key: Key) -> KeyResult {
        apply(Update.key(key, state: state, in: situation))
    }

    /// Does `action` as if its key were pressed.
    func perform(_ action: Action) -> KeyResult {
        apply(Update.action(action, state: state, in: situation))
    }

    private func apply(_ outcome: Outcome) -> KeyResult {
        state = outcome.state
        for effect in outcome.effects { run(effect) }
        return outcome.result
    }

    /// Adopts finished background work (a run with redrawn weights) and asks for what the screen
    /// will need (the values before the activation); the front end calls it before drawing.
    public func tick() {
        if let (run, description, message) = weights.takeFinished() {
            replaceWorker(with: keepingDropoutMode(run))
            worker.request(through: weights.recomputeThrough)
            context.weightsDescription = description
            state.message = message
            if let index = state.comparison { self.run(.compare(index)) }
        }
        if state.comparison != nil { comparison.follow(worker.run, through: worker.published.readableCount - 1) }
        let situation = situation
        if situation.wantsPreActivation(state) { preActivation.request(worker.run, layer: state.layer) }
        // Not while occlusion runs: it shares the kernels' helper thread, and a layer timed on one
        // thread would read slow.
        if state.layer < situation.published.readableCount, !situation.occlusion.running {
            // The layer on screen first, then every other computed one (the roofline plots them).
            retiming.request([state.layer] + (0..<situation.published.readableCount).filter { $0 != state.layer },
                             of: worker)
        }
        if situation.currentView(state) == .roofline { ceilings.request(on: worker) }
    }

    public func render(width: Int, height: Int) -> ScreenBuffer {
        screen.draw(network.nodes.isEmpty ? nil : frame, keyMap: keyMap, theme: Theme(mode: colorMode),
                    width: width, height: height)
    }

    /// What one render reads now.
    var frame: Frame {
        let situation = situation
        let values = situation.wantsPreActivation(state) ? preActivation.values(of: worker.run, layer: state.layer) : nil
        return situation.frame(state, preActivation: values)
    }

    /// A new worker on `run`: the old one's changes are kept in the count, and what was drawn from
    /// the old run is forgotten.
    func replaceWorker(with run: ForwardRun) {
        retiredChanges += worker.changeCount + 1
        worker = LayerWorker(run: run, clock: clock)
        retiming.forget()
        screen.forgetRun()
        preActivation.forget()
    }
}
