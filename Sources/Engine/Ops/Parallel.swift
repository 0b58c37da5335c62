#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The number of threads the kernels split their work across: the machine's two cores (the
/// calling thread and one helper thread).
let workerCount = 2

/// Runs `body(0)` and `body(1)` (for `count` 2; just `body(0)` for 1) and returns when both are
/// done: index 1 on the helper thread if it picks the job up while index 0 runs here, otherwise
/// here as well. No work is ever waiting for a thread to wake up.
///
/// NOTE: the closures receive raw pointers, which Swift 6 does not consider `Sendable`; every
/// caller gives each index a disjoint part of the output, which is what makes this safe.
func parallelFor(_ count: Int, _ body: (Int) -> Void) {
    precondition(count >= 1 && count <= workerCount, "parallelFor runs 1...\(workerCount) parts")
    if count == 1 {
        body(0)
    } else {
        HelperThread.shared.run(body)
    }
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

/// One long-lived thread that runs index 1 of a job while the caller runs index 0.
///
/// Why not `DispatchQueue.concurrentPerform`: measured here, it ran both iterations on the calling
/// thread whenever they took less than a few milliseconds (its worker threads start too late), so
/// every layer ran on one core. This thread instead spins briefly between jobs (layers follow each
/// other within microseconds) and then sleeps on a condition variable.
///
/// A job is offered, not assigned: the helper claims it with a compare-and-swap, and if the caller
/// finishes its half first it withdraws the offer and runs index 1 itself.
final class HelperThread: @unchecked Sendable {
    static let shared = HelperThread()

    private typealias Job = (Int) -> Void
    /// `number << 2 | state` of the latest job: its state is `open`, `taken` by the helper, or
    /// `withdrawn` by the caller; carrying the number makes a stale claim impossible.
    private let offer = Atomic<Int>(0 << 2 | withdrawn)
    private static let open = 0, taken = 1, withdrawn = 2
    /// The number of the last job the helper finished.
    private let finished = Atomic<Int>(0)
    /// The current job; read by the helper only after it has claimed the offer.
    private var job: UnsafePointer<Job>?
    /// Caller side only (under `callerMutex`): the number of the last job offered.
    private var lastNumber = 0
    private var mutex = pthread_mutex_t()
    private var wake = pthread_cond_t()
    /// Held by the caller for a whole job: one job at a time. A second caller (say, a background
    /// computation on another thread) runs its job alone rather than waiting.
    private var callerMutex = pthread_mutex_t()

    /// Nanoseconds the helper keeps checking for the next job before it sleeps.
    private let spinNanoseconds: UInt64 = 200_000

    private init() {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&wake, nil)
        pthread_mutex_init(&callerMutex, nil)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(&thread, nil, { context in
            Unmanaged<HelperThread>.fromOpaque(context!).takeRetainedValue().serve()
        }, context)
        precondition(created == 0, "cannot start the helper thread (error \(created))")
        pthread_detach(thread)
    }

    func run(_ body: (Int) -> Void) {
        guard pthread_mutex_trylock(&callerMutex) == 0 else {
            body(0)
            body(1)
            return
        }
        defer { pthread_mutex_unlock(&callerMutex) }
        withoutActuallyEscaping(body) { escapable in
            withUnsafePointer(to: escapable) { pointer in
                job = pointer
                lastNumber += 1
                let number = lastNumber
                offer.store(number << 2 | Self.open, ordering: .sequentiallyConsistent)
                pthread_mutex_lock(&mutex)
                pthread_cond_signal(&wake)
                pthread_mutex_unlock(&mutex)

                escapable(0)

                if offer.compareExchange(expected: number << 2 | Self.open, desired: number << 2 | Self.withdrawn,
                                         ordering: .sequentiallyConsistent).exchanged {
                    escapable(1)  // the helper did not come in time
                } else {
                    while finished.load(ordering: .sequentiallyConsistent) != number { sched_yield() }
                }
                job = nil
            }
        }
    }

    private func serve() -> Never {
        var seen = 0
        while true {
            let current = waitForOffer(after: seen)
            seen = current >> 2
            guard current & 3 == Self.open,
                  offer.compareExchange(expected: current, desired: seen << 2 | Self.taken,
                                        ordering: .sequentiallyConsistent).exchanged
            else { continue }  // withdrawn: the caller did both halves
            runTakenJob()
            finished.store(seen, ordering: .sequentiallyConsistent)
        }
    }

    /// In its own function so that the copy of the closure is released before `finished` tells
    /// the caller that its (non-escaping) closure is no longer referenced.
    @inline(never)
    private func runTakenJob() {
        job!.pointee(1)
    }

    /// The offer of the first job numbered after `seen`.
    private func waitForOffer(after seen: Int) -> Int {
        let start = Self.now()
        while true {
            let current = offer.load(ordering: .sequentiallyConsistent)
            if current >> 2 != seen { return current }
            if Self.now() - start > spinNanoseconds { break }
        }
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while true {
            let current = offer.load(ordering: .sequentiallyConsistent)
            if current >> 2 != seen { return current }
            pthread_cond_wait(&wake, &mutex)
        }
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
