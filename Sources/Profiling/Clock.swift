#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A clock that only moves forward, read in nanoseconds from an arbitrary origin.
///
/// Injected into `LayerProfiler` so that tests can drive time by hand.
public protocol MonotonicClock: Sendable {
    func nanoseconds() -> UInt64
}

/// `clock_gettime(CLOCK_MONOTONIC)`: unaffected by wall-clock adjustments, nanosecond resolution.
public struct SystemClock: MonotonicClock {
    public init() {}

    public func nanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
