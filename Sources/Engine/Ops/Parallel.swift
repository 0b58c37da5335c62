import Dispatch
import Synchronization

/// The number of threads the kernels split their work across: the machine's two cores.
let workerCount = 2

/// Runs `body(0) ... body(count - 1)` on the worker threads and returns when all are done.
///
/// NOTE: the closure receives raw pointers, which Swift 6 does not consider `Sendable`; every
/// caller gives each index a disjoint part of the output, which is what makes this safe.
@inline(__always)
func parallelFor(_ count: Int, _ body: (Int) -> Void) {
    if count == 1 {
        body(0)
        return
    }
    withoutActuallyEscaping(body) { body in
        let box = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: count) { box.value($0) }
    }
}

struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// The half-open range of `0..<total` that part `index` of `parts` handles, with boundaries
/// rounded to multiples of `granule` so that vector or tile loops stay whole.
func partition(_ total: Int, parts: Int, index: Int, granule: Int = 1) -> Range<Int> {
    let units = (total + granule - 1) / granule
    let start = min(units * index / parts * granule, total)
    let end = min(units * (index + 1) / parts * granule, total)
    return start..<end
}

/// Runs `body(chunk, worker)` for every chunk in `0..<chunks`, handing chunks out one at a time to
/// whichever worker is free; `worker` (0..<workerCount) identifies the thread, for per-thread
/// scratch. When another process holds one core, the other worker takes over the remaining
/// chunks instead of waiting for a fixed half to finish.
func parallelChunks(_ chunks: Int, _ body: (_ chunk: Int, _ worker: Int) -> Void) {
    let next = Atomic<Int>(0)
    parallelFor(min(workerCount, chunks)) { worker in
        while true {
            let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard chunk < chunks else { return }
            body(chunk, worker)
        }
    }
}
