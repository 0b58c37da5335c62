#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The number of threads the kernels split their work across: the machine's two cores (the
/// calling thread and one helper thread).
let workerCount = 2

/// How many threads the kernels may use, 1 or 2.
public enum KernelThreads {
    /// For benchmarks: 1 runs every kernel on the calling thread alone, which shows a kernel's
    /// speed per core (with that thread's CPU time) even on a machine shared with other work.
    nonisolated(unsafe) public static var limit = workerCount
}

/// A kernel's work cut into chunks, which the calling thread and the helper thread take in
/// turn: when another process holds one core, the other thread takes over the remaining chunks
/// instead of waiting for a fixed half to finish.
///
/// A value of the conforming type (the kernel's pointers and sizes) stays on the caller's stack
/// while both threads use it. NOTE: this is a protocol rather than a closure because handing a
/// non-escaping closure to another thread makes Swift allocate a context for it on every call.
protocol ChunkedWork {
    /// Runs one chunk; `worker` (0..<workerCount) names the thread, for per-thread scratch.
    /// Chunks write disjoint parts of the output.
    func run(chunk: Int, worker: Int)
}

extension ChunkedWork {
    /// Runs chunks `0..<chunks` on both cores and returns when all are done.
    func run(chunks: Int) {
        HelperThread.shared.run(self, chunks: chunks)
    }

    /// Runs the work stored at `pointer`: how the helper thread calls a value whose type it
    /// knows only as `any ChunkedWork.Type`.
    fileprivate static func run(at pointer: UnsafeRawPointer, chunk: Int, worker: Int) {
        pointer.assumingMemoryBound(to: Self.self).pointee.run(chunk: chunk, worker: worker)
    }
}

/// One long-lived thread that shares a caller's chunks of work.
///
/// Why not `DispatchQueue.concurrentPerform`: measured here, it ran both iterations on the calling
/// thread whenever they took less than a few milliseconds (its worker threads start too late), so
/// every layer ran on one core. This thread instead spins briefly between jobs (layers follow each
/// other within microseconds) and then sleeps on a condition variable.
///
/// A job is offered, not assigned: the helper claims it with a compare-and-swap; if the caller
/// has run out of chunks first it withdraws the offer, and never waits for the helper to wake up.
final class HelperThread: @unchecked Sendable {
    static let shared = HelperThread()

    /// `number << 2 | state` of the latest job: its state is `open`, `taken` by the helper, or
    /// `withdrawn` by the caller; carrying the number makes a stale claim impossible.
    private let offer = Atomic<Int>(0 << 2 | withdrawn)
    private static let open = 0, taken = 1, withdrawn = 2
    /// The number of the last job the helper finished.
    private let finished = Atomic<Int>(0)
    /// The next chunk of the current job to hand out.
    private let nextChunk = Atomic<Int>(0)
    /// The current job, valid while its offer is open or taken: where the work value is, its
    /// type, and its number of chunks.
    private var work: UnsafeRawPointer?
    private var workType: (any ChunkedWork.Type)?
    private var chunkCount = 0
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

    func run<Work: ChunkedWork>(_ work: Work, chunks: Int) {
        guard chunks > 1, KernelThreads.limit > 1, pthread_mutex_trylock(&callerMutex) == 0 else {
            for chunk in 0..<chunks { work.run(chunk: chunk, worker: 0) }
            return
        }
        defer { pthread_mutex_unlock(&callerMutex) }
        withUnsafePointer(to: work) { pointer in
            self.work = UnsafeRawPointer(pointer)
            workType = Work.self
            chunkCount = chunks
            nextChunk.store(0, ordering: .sequentiallyConsistent)
            lastNumber += 1
            let number = lastNumber
            offer.store(number << 2 | Self.open, ordering: .sequentiallyConsistent)
            pthread_mutex_lock(&mutex)
            pthread_cond_signal(&wake)
            pthread_mutex_unlock(&mutex)

            while case let chunk = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue, chunk < chunks {
                work.run(chunk: chunk, worker: 0)
            }

            let withdrawn = offer.compareExchange(expected: number << 2 | Self.open,
                                                  desired: number << 2 | Self.withdrawn,
                                                  ordering: .sequentiallyConsistent).exchanged
            if !withdrawn {
                while finished.load(ordering: .sequentiallyConsistent) != number { sched_yield() }
            }
            self.work = nil
            workType = nil
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
            else { continue }  // withdrawn: the caller has done every chunk
            // The job cannot change while the offer is taken: its caller waits for `finished`.
            while case let chunk = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue, chunk < chunkCount {
                workType!.run(at: work!, chunk: chunk, worker: 1)
            }
            finished.store(seen, ordering: .sequentiallyConsistent)
        }
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
