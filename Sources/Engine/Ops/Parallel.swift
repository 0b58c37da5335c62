#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KernelIntrinsics
import Synchronization

/// The number of threads the kernels split their work across: the calling thread and
/// `workerCount - 1` helper threads. Fixed when a kernel first asks (per-thread scratch is sized
/// by it): `KernelThreads.request`, or else the cores this process may run on.
let workerCount: Int = {
    KernelThreads.fixed = true
    return max(1, KernelThreads.requested ?? AvailableCores.count())
}()

/// How many threads the kernels use.
public enum KernelThreads {
    nonisolated(unsafe) fileprivate static var requested: Int?
    nonisolated(unsafe) fileprivate static var fixed = false

    /// Chooses the number of threads (`--threads`); only before the first kernel runs, as it
    /// sizes every layer's scratch. More threads than cores is allowed (they take turns).
    public static func request(_ count: Int) {
        precondition(!fixed, "KernelThreads.request after the kernels started")
        precondition(count >= 1 && count <= maximum, "\(count) threads: 1...\(maximum)")
        requested = count
    }

    /// The most threads `request` accepts.
    public static let maximum = 256

    /// The number the kernels use (fixes it if no kernel has run yet).
    public static var count: Int { workerCount }

    /// For benchmarks: at most this many of the threads join a kernel; 1 runs every kernel on
    /// the calling thread alone, which shows a kernel's speed per core (with that thread's CPU
    /// time) even on a machine shared with other work.
    nonisolated(unsafe) public static var limit = workerCount
}

/// The threads a kernel runs on at most: `workerCount`, or fewer under `KernelThreads.limit`.
var kernelThreadCount: Int { min(workerCount, max(1, KernelThreads.limit)) }

/// A kernel's work cut into chunks, which the calling thread and the helper threads share out
/// (`ChunkRanges`): when another process holds a core, the other threads take over the remaining
/// chunks instead of waiting for a fixed share to finish.
///
/// A value of the conforming type (the kernel's pointers and sizes) stays on the caller's stack
/// while the threads use it. NOTE: this is a protocol rather than a closure because handing a
/// non-escaping closure to another thread makes Swift allocate a context for it on every call.
protocol ChunkedWork {
    /// Runs one chunk; `worker` (0..<workerCount) names the thread, for per-thread scratch.
    /// Chunks write disjoint parts of the output.
    func run(chunk: Int, worker: Int)
}

/// Below this many operations (multiply-adds, comparisons) a kernel runs on the calling thread
/// alone: the hand-off costs microseconds, and on a loaded machine a helper thread preempted in
/// the middle of a chunk stalls the caller for longer than such a layer takes (measured: pools
/// and LRNs of 0.02 ms took 0.25 ms). Max-pool is split however small (`Pooling.max` says why).
let parallelWorkThreshold = 1 << 20

extension ChunkedWork {
    /// Runs chunks `0..<chunks` on all the kernel threads and returns when all are done.
    func run(chunks: Int) {
        HelperThreads.shared.run(self, chunks: chunks)
    }

    /// Runs chunks `0..<chunks`, on all the kernel threads if `operations` make it worth it.
    func run(chunks: Int, operations: Int) {
        if operations >= parallelWorkThreshold {
            run(chunks: chunks)
        } else {
            for chunk in 0..<chunks { run(chunk: chunk, worker: 0) }
        }
    }

    /// Runs the work stored at `pointer`: how a helper thread calls a value whose type it
    /// knows only as `any ChunkedWork.Type`.
    fileprivate static func run(at pointer: UnsafeRawPointer, chunk: Int, worker: Int) {
        pointer.assumingMemoryBound(to: Self.self).pointee.run(chunk: chunk, worker: worker)
    }
}

/// Long-lived threads that share a caller's chunks of work: `workerCount - 1` of them, the
/// caller being the first worker.
///
/// Why not `DispatchQueue.concurrentPerform`: measured here, it ran both iterations on the calling
/// thread whenever they took less than a few milliseconds (its worker threads start too late), so
/// every layer ran on one core. These threads instead spin briefly between jobs (layers follow each
/// other within microseconds) and then sleep on a condition variable.
///
/// A job is offered, not assigned: it opens with one seat per helper it can use, a helper takes
/// a seat with a compare-and-swap, and the caller, once it has run out of chunks, closes the
/// remaining seats and waits only for the helpers that sat down, never for one to wake up.
///
/// The chunks are dealt as `ChunkRanges`: each seat (the caller's is 0) starts on a contiguous
/// share of them and, its share done, takes the others' last chunks one at a time, so a thread
/// that is late or preempted holds no one up.
/// NOTE: neighbouring chunks read overlapping input (a convolution's windows); taken in turn
/// from one counter, each thread's next chunk was two away and its input in the other core's
/// cache. Measured on Intel Xeon family 6 model 207 (2 threads, `engine-bench`, 20 alternating
/// runs): seed's conv1 alone 0.921 -> 0.839 ms median, the other layers within noise.
final class HelperThreads: @unchecked Sendable {  // the job fields are handed over through `offer` (see `run`)
    static let shared = HelperThreads(helpers: workerCount - 1)

    /// `number << 16 | free seats` of the latest job; carrying the number makes a stale claim
    /// impossible, and 0 seats means closed.
    private let offer = Atomic<Int>(0)
    /// How many helpers that took a seat in the current job have finished it.
    private let finishedHelpers = Atomic<Int>(0)
    /// The current job's chunks, a share per seat.
    private let ranges: ChunkRanges
    /// The current job, valid while its helpers work: where the work value is and its type.
    /// Written before the offer opens, read by a helper after it takes a seat.
    private var work: UnsafeRawPointer?
    private var workType: (any ChunkedWork.Type)?
    /// Caller side only (under `callerMutex`): the number of the last job offered.
    private var lastNumber = 0
    private var mutex = pthread_mutex_t()
    private var wake = pthread_cond_t()
    /// Held by the caller for a whole job: one job at a time. A second caller (say, a background
    /// computation on another thread) runs its job alone rather than waiting.
    private var callerMutex = pthread_mutex_t()
    private let helperCount: Int

    /// Nanoseconds a helper keeps checking for the next job before it sleeps: none when there
    /// are more threads than cores, where a spinning helper would take the core a worker needs.
    private let spinNanoseconds: UInt64

    private init(helpers: Int) {
        helperCount = helpers
        ranges = ChunkRanges(capacity: helpers + 1)
        spinNanoseconds = workerCount <= AvailableCores.count() ? 200_000 : 0
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&wake, nil)
        pthread_mutex_init(&callerMutex, nil)
        for worker in 1..<(helpers + 1) {
            var thread = pthread_t()
            let context = Unmanaged.passRetained(HelperStart(pool: self, worker: worker)).toOpaque()
            let created = pthread_create(&thread, nil, { context in
                let start = Unmanaged<HelperStart>.fromOpaque(context!).takeRetainedValue()
                start.pool.serve(worker: start.worker)
            }, context)
            precondition(created == 0, "cannot start helper thread \(worker) (error \(created))")
            pthread_detach(thread)
        }
    }

    /// What a new helper thread is handed: the pool and its worker index.
    private final class HelperStart {
        let pool: HelperThreads
        let worker: Int
        init(pool: HelperThreads, worker: Int) { (self.pool, self.worker) = (pool, worker) }
    }

    func run<Work: ChunkedWork>(_ work: Work, chunks: Int) {
        let seats = min(kernelThreadCount, chunks, helperCount + 1) - 1
        guard seats > 0, pthread_mutex_trylock(&callerMutex) == 0 else {
            for chunk in 0..<chunks { work.run(chunk: chunk, worker: 0) }
            return
        }
        defer { pthread_mutex_unlock(&callerMutex) }
        withUnsafePointer(to: work) { pointer in
            self.work = UnsafeRawPointer(pointer)
            workType = Work.self
            ranges.deal(chunks, seats: seats + 1)
            finishedHelpers.store(0, ordering: .sequentiallyConsistent)
            lastNumber += 1
            let number = lastNumber
            offer.store(number << 16 | seats, ordering: .sequentiallyConsistent)
            pthread_mutex_lock(&mutex)
            pthread_cond_broadcast(&wake)
            pthread_mutex_unlock(&mutex)

            while let chunk = ranges.take(seat: 0) {
                work.run(chunk: chunk, worker: 0)
            }

            // Close the seats still free; the helpers in the others are working or done.
            let free = offer.exchange(number << 16, ordering: .sequentiallyConsistent) & 0xFFFF
            let seated = seats - free
            while finishedHelpers.load(ordering: .sequentiallyConsistent) != seated { sched_yield() }
            self.work = nil
            workType = nil
        }
    }

    private func serve(worker: Int) -> Never {
        var seen = 0
        while true {
            var current = waitForOffer(after: seen)
            seen = current >> 16
            var seat: Int?
            while current >> 16 == seen, current & 0xFFFF > 0 {
                let (exchanged, original) = offer.compareExchange(expected: current, desired: current - 1,
                                                                  ordering: .sequentiallyConsistent)
                if exchanged { seat = current & 0xFFFF; break }  // seats are numbered down from the last
                current = original
            }
            guard let seat else { continue }  // closed or full: the caller does not wait for this thread
            // The job cannot change while a seat is taken: its caller waits for `finishedHelpers`.
            while let chunk = ranges.take(seat: seat) {
                workType!.run(at: work!, chunk: chunk, worker: worker)
            }
            finishedHelpers.wrappingAdd(1, ordering: .sequentiallyConsistent)
        }
    }

    /// The offer of the first job numbered after `seen`.
    private func waitForOffer(after seen: Int) -> Int {
        let start = Self.now()
        while true {
            let current = offer.load(ordering: .sequentiallyConsistent)
            if current >> 16 != seen { return current }
            if Self.now() - start >= spinNanoseconds { break }
            kernel_spin_pause()
        }
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while true {
            let current = offer.load(ordering: .sequentiallyConsistent)
            if current >> 16 != seen { return current }
            pthread_cond_wait(&wake, &mutex)
        }
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}

/// A job's chunks `0..<count` cut into one contiguous share per seat, which its seat takes from
/// the front and the others, once theirs are done, from the back. A share is one atomic word,
/// `front << 32 | end`, on a cache line of its own.
final class ChunkRanges: @unchecked Sendable {  // `seats` is set before a job is offered; the words are atomic
    private let words: UnsafeMutablePointer<Atomic<UInt64>>
    private let capacity: Int
    /// Shares of the current job.
    private var seats = 0
    /// Words apart: 64 bytes, so that seats do not share a line.
    private static let spacing = 8

    init(capacity: Int) {
        self.capacity = capacity
        words = .allocate(capacity: capacity * Self.spacing)
        for index in 0..<capacity * Self.spacing { (words + index).initialize(to: Atomic(0)) }
    }

    deinit {
        words.deinitialize(count: capacity * Self.spacing)
        words.deallocate()
    }

    /// Cuts `count` chunks into `seats` shares (before the job is offered).
    func deal(_ count: Int, seats: Int) {
        precondition(seats >= 1 && seats <= capacity && count < 1 << 31, "\(count) chunks for \(seats) seats")
        self.seats = seats
        for seat in 0..<seats {
            let start = UInt64(seat * count / seats), end = UInt64((seat + 1) * count / seats)
            words[seat * Self.spacing].store(start << 32 | end, ordering: .sequentiallyConsistent)
        }
    }

    /// The next chunk for `seat`: the front of its own share, or else the back of another's;
    /// nil when every share is empty.
    func take(seat: Int) -> Int? {
        if let chunk = take(from: seat, front: true) { return chunk }
        for offset in 1..<seats {
            if let chunk = take(from: (seat + offset) % seats, front: false) { return chunk }
        }
        return nil
    }

    private func take(from share: Int, front: Bool) -> Int? {
        let word = words + share * Self.spacing
        var current = word.pointee.load(ordering: .relaxed)
        while true {
            let start = current >> 32, end = current & 0xFFFF_FFFF
            guard start < end else { return nil }
            let desired = front ? (start + 1) << 32 | end : start << 32 | (end - 1)
            let (exchanged, original) = word.pointee.compareExchange(expected: current, desired: desired,
                                                                    ordering: .relaxed)
            if exchanged { return Int(front ? start : end - 1) }
            current = original
        }
    }
}
