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
}

/// Whether heat-map colours span one channel's range or the whole layer's.
public enum ScaleMode: Sendable {
    case perChannel, perLayer

    var label: String { self == .perChannel ? "per channel" : "per layer" }
}

/// The explorer's UI state: plain values, changed only by `ExplorerApp.handle` on the UI thread.
struct ViewState: Sendable {
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
}
