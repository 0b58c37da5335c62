#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value shared between threads, reached only under a lock: every access to it goes through
/// `withLock`, which is why `@unchecked Sendable` is safe.
///
/// The lock is a POSIX mutex rather than the standard library's `Mutex`: on Linux, `Mutex` hands a
/// contended lock over through the kernel (a futex), where the thread sanitizer cannot see it, so
/// two threads that took turns under it read to the sanitizer as a data race. `pthread_mutex_lock`
/// is one the sanitizer intercepts.
public final class Locked<Value>: @unchecked Sendable {
    // Allocated, not a stored property: a mutex must not move, and Swift may move a stored one.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    public init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` on the value with the lock held, and returns what it returns.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
