/// Work an action asks for beyond changing the view state; `ExplorerApp` carries it out.
enum Effect: Equatable, Sendable {
    /// Compute layers up to and including this one (already computed ones are not redone).
    case compute(through: Int)
    /// Re-run the whole network several times for the timing view's medians.
    case rerunTiming
    case startOcclusion
    case cancelOcclusion
    /// Redraw the random weights under the next initialisation scheme.
    case redrawWeights
    /// Save the current layer's values as `.npy`.
    case exportTensor
    /// Save the picture on screen as PPM (PGM in ASCII mode).
    case exportPicture
}

/// What a key did: the result for the front end, the new view state, and the work it asks for.
struct Outcome {
    var result: KeyResult
    var state: ViewState
    var effects: [Effect]
}
