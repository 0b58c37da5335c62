/// Work the explorer runs off the UI thread, one type per kind of work (`LayerWorker`,
/// `OcclusionJob`, `PreActivationJob`, `WeightsRedrawJob`). The front end polls the app's
/// `changeCount`, the sum of its jobs' counts, to know when to draw again.
protocol BackgroundJob: AnyObject, Sendable {
    /// Bumps whenever the job finished something the screen shows; never goes back.
    var changeCount: Int { get }
    /// Blocks until the work asked for so far is done or stopped (tests and benchmarks).
    func waitUntilIdle()
}

extension LayerWorker: BackgroundJob {}
