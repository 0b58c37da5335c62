import Engine
import Profiling

/// The machine's ceilings for the roofline view: measured once (about 0.1 s) on the worker's
/// queue the first time the view is opened, so that the calibration has the kernels' threads to
/// itself, reading the run's largest dense weights (memory the run reads anyway; a mapped file's
/// pages not yet read are read in then, as the run would); or fixed values given at start (tests,
/// snapshots).
final class CeilingsJob: BackgroundJob, @unchecked Sendable {
    private let state: Locked<(ceilings: MachineCeilings?, worker: LayerWorker?, changes: Int)>

    init(fixed: MachineCeilings?) {
        state = Locked((fixed, nil, 0))
    }

    var ceilings: MachineCeilings? { state.withLock { $0.ceilings } }
    var changeCount: Int { state.withLock { $0.changes } }

    /// Measures the ceilings on `worker`'s queue unless they are known or being measured.
    func request(on worker: LayerWorker) {
        let start = state.withLock { state -> Bool in
            guard state.ceilings == nil, state.worker == nil else { return false }
            state.worker = worker
            return true
        }
        guard start else { return }
        worker.onEngine { [state] run in
            let measured = MachineCeilings.measured(reading: run.network.largestDenseWeights)
            state.withLock { state in
                state.ceilings = measured
                state.worker = nil
                state.changes += 1
            }
        }
    }

    func waitUntilIdle() {
        state.withLock { $0.worker }?.waitUntilIdle()
    }
}
