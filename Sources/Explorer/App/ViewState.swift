/// What fills the main area of the screen.
public enum ViewKind: String, Hashable, Sendable, CaseIterable {
    /// One channel of a feature map as a heat-map.
    case map
    /// Every channel of a feature map as thumbnails.
    case grid
    /// A vector's values as a strip and sorted bars.
    case vector
    /// The classifier's most probable classes.
    case topK
    /// The preprocessed input image.
    case input
    /// Time per layer.
    case timing
    /// What one output value is made of: the sum behind a conv cell or a dense neuron, a max-pool
    /// window, an LRN formula.
    case arithmetic
    /// The layer's weights: kernels as patches, or a histogram for dense layers.
    case filters
    /// Each computed layer's activation spread on a log scale (what the initialisation does).
    case scales
    /// How the top class's probability falls when a grey square hides each part of the input.
    case occlusion
    /// Each timed layer's FLOPs per byte against its GFLOP/s, under the machine's two ceilings.
    case roofline
}

/// A cell of a feature map: row and column.
struct CellPosition: Equatable, Sendable {
    var y: Int
    var x: Int
}

/// What ranks the channels of a layer for "next strongest".
enum RankCriterion: Sendable {
    case mean, max

    var label: String { self == .mean ? "mean" : "max" }
}

/// Whether heat-map colours span one channel's range or the whole layer's.
public enum ScaleMode: Sendable {
    case perChannel, perLayer

    var label: String { self == .perChannel ? "per channel" : "per layer" }
}

/// The explorer's UI state: plain values, changed on the UI thread by the action function
/// (`Update`), and by `ExplorerApp` for the work it carries out (an export's message, a redrawn
/// run's in `tick`).
struct ViewState: Sendable {
    var colorMode = ColorMode.trueColor
    var layer = 0
    /// Selected channel of a feature-map layer (the map's channel, the grid's cursor).
    var channel = 0
    /// The view a feature-map layer shows: `.map` or `.grid`.
    var featureView = ViewKind.map
    /// The view the classifier layer shows: `.topK` or `.vector`.
    var classifierView = ViewKind.topK
    /// `.input` or `.timing` while one of those replaces the layer's own view.
    var override: ViewKind?
    var scaleMode = ScaleMode.perChannel
    var showHelp = false
    /// The help overlay's first line shown, when its list is longer than the screen.
    var helpScroll = 0
    /// The map's cell cursor while it is on (clamped to the layer's map when used).
    var cursor: CellPosition?
    /// The cursor was turned on by `a` (not `x`), so closing `a` turns it off again.
    var cursorForArithmetic = false
    /// The dense layer's output the arithmetic view shows; nil: the layer's strongest.
    var neuron: Int?
    /// Conv and dense layers show their values before the activation.
    var preActivation = false
    var rankCriterion = RankCriterion.mean
    /// Position in the ranking of the channel `n` last jumped to.
    var rankWalk: Int?
    /// The selected channel's rank is shown once the user ranks channels (`n`, `m`).
    var showRanking = false
    /// The comparison choice shown beside the first input (`ComparisonChoices.inputs`), if any.
    var comparison: Int?
    /// One line about the last export (or why it failed), shown in the status line.
    var message: String?
    /// The lesson step shown, from 0; nil outside a lesson.
    var lessonStep: Int?
    /// The page of the step's text shown, from 0, when it takes more than its column.
    var lessonTextPage = 0
    /// The main view fills the whole terminal (no header, list, panel or status line).
    var fullScreen = false
}
