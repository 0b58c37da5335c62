import Engine
import Foundation

/// The machine's two ceilings for the engine's kernels, the roofs of a roofline: the FMA
/// throughput of the kernels' vector on the kernels' threads, and the read bandwidth of memory.
///
/// Measured by `measure()` in about 0.1 s with the engine's `CalibrationLoops`, each the best of
/// a few short runs (a ceiling is what the machine can do, and a run another process interrupted
/// is slower, never faster); `MachineCeilings.measured` does it once per program.
public struct MachineCeilings: Sendable, Equatable {
    /// FLOPs per second (a multiply-add counted as 2).
    public let peakFlopsPerSecond: Double
    /// Bytes per second read from memory far larger than the caches.
    public let readBytesPerSecond: Double
    /// How the two were measured, in one line.
    public let method: String
    public let measuredAt: Date

    public init(peakFlopsPerSecond: Double, readBytesPerSecond: Double, method: String, measuredAt: Date) {
        self.peakFlopsPerSecond = peakFlopsPerSecond
        self.readBytesPerSecond = readBytesPerSecond
        self.method = method
        self.measuredAt = measuredAt
    }

    /// FLOPs per byte where the two roofs meet: a layer below it is bound by memory.
    public var ridgeIntensity: Double { peakFlopsPerSecond / readBytesPerSecond }

    /// `2026-12-03 15:10 UTC`
    public var measuredAtText: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: measuredAt)
    }

    /// Runs of each loop timed; the best counts.
    static let fmaRuns = 20, readRuns = 5
    /// The read loop's buffer: 128 MiB, four times this host's 32 MiB L3 cache.
    static let readFloats = 32 << 20

    /// Measures both ceilings now, on `KernelThreads.limit` threads (about 0.1 s, 128 MiB
    /// allocated for the read loop and released).
    public static func measure(clock: any MonotonicClock = SystemClock()) -> MachineCeilings {
        let threads = KernelThreads.limit
        func bestSeconds(runs: Int, _ body: () -> Float) -> Double {
            var best = Double.infinity
            var sink: Float = 0
            sink += body()  // untimed: wakes the helper thread, faults pages in, raises the clock
            for _ in 0..<runs {
                let start = clock.nanoseconds()
                sink += body()
                best = min(best, Double(clock.nanoseconds() &- start) / 1e9)
            }
            // Keeps the loops' results alive; the sum of finite floats is never NaN here.
            precondition(!sink.isNaN, "calibration sums went NaN")
            return best
        }
        let chunks = 4 * threads
        let fmaSeconds = bestSeconds(runs: fmaRuns) { CalibrationLoops.multiplyAdds(chunks: chunks) }
        let buffer = HugePageBuffer.tensor(Shape(readFloats))
        buffer.data.initialize(repeating: 1, count: readFloats)
        let readSeconds = bestSeconds(runs: readRuns) {
            CalibrationLoops.readSum(UnsafePointer(buffer.data), floats: readFloats)
        }
        let lanes = CalibrationLoops.vectorLanes()
        return MachineCeilings(
            peakFlopsPerSecond: Double(chunks * CalibrationLoops.flopsPerChunk()) / fmaSeconds,
            readBytesPerSecond: Double(readFloats * MemoryLayout<Float>.stride) / readSeconds,
            method: "best of \(fmaRuns) runs of 8 chains of \(lanes)-lane FMAs (\(KernelVariant.selected) kernels), and of \(readRuns) sums of "
                + "\((readFloats * MemoryLayout<Float>.stride) >> 20) MiB, on \(threads) thread\(threads == 1 ? "" : "s")",
            measuredAt: Date())
    }

    /// Measured on first use, then the same for as long as the program runs.
    public static let measured = measure()
}
