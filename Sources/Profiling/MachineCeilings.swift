import Engine
import Foundation

/// The machine's two ceilings for the engine's kernels, the roofs of a roofline: the FMA
/// throughput of the kernels' vector on the kernels' threads, and the read bandwidth of memory.
///
/// Measured by `measure()` in about 0.1 s with the engine's `CalibrationLoops`, each the best of
/// a few short runs (a ceiling is what the machine can do, and a run another process interrupted
/// is slower, never faster); `MachineCeilings.measured(reading:)` does it once per program.
public struct MachineCeilings: Sendable, Equatable {
    /// FLOPs per second (a multiply-add counted as 2).
    public let peakFlopsPerSecond: Double
    /// Bytes per second read from memory (not from the caches).
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
        var seconds = time_t(measuredAt.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d UTC", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min))
    }

    /// Runs of each loop timed; the best counts.
    static let fmaRuns = 20, readRuns = 5
    /// The memory the read loop sums: 128 MiB, four times an AMD Zen 3 or 4 CCD's 32 MiB L3
    /// cache; on CPUs whose last-level cache is larger (260 MiB on Intel Xeon family 6 model 207)
    /// it is evicted from the caches before each run (`CalibrationLoops.evictFromCaches`).
    static let readFloats = 32 << 20

    /// Measures both ceilings now, on `KernelThreads.limit` threads (about 0.1 s).
    ///
    /// The read loop sums the first 128 MiB of `resident` when it holds that much: memory the
    /// program holds anyway, such as a network's largest dense weights after a run, whose pages
    /// are then resident, so that the calibration takes no memory of its own and reads what the
    /// dense layers read, on the pages they read it from. Otherwise it sums 128 MiB allocated for
    /// the purpose and released. `method` says which. (Not all of seed's 308 MB fc6: on a busy
    /// machine, the longer a timed run, the less often both threads keep their cores throughout
    /// it; at load 4 on two cores, the best of 5 over all of fc6 came out 0-35% lower than over
    /// its first 128 MiB, at load 2 the same within 3%.)
    public static func measure(reading resident: (layer: String, weights: Tensor)? = nil,
                               clock: any MonotonicClock = SystemClock()) -> MachineCeilings {
        let threads = KernelThreads.limit
        /// `prepare` runs untimed before each timed run.
        func bestSeconds(runs: Int, prepare: () -> Void = {}, _ body: () -> Float) -> Double {
            var best = Double.infinity
            var sink: Float = 0
            sink += body()  // untimed: wakes the helper thread, faults pages in, raises the clock
            for _ in 0..<runs {
                prepare()
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
        let memory = ReadMemory(resident: resident)
        let readSeconds = withExtendedLifetime(memory) {
            bestSeconds(runs: readRuns, prepare: { CalibrationLoops.evictFromCaches(memory.start, floats: readFloats) }) {
                CalibrationLoops.readSum(memory.start, floats: readFloats)
            }
        }
        let lanes = CalibrationLoops.vectorLanes()
        let evicted = CalibrationLoops.canEvictFromCaches ? ", each evicted from the caches first" : ""
        return MachineCeilings(
            peakFlopsPerSecond: Double(chunks * CalibrationLoops.flopsPerChunk()) / fmaSeconds,
            readBytesPerSecond: Double(readFloats * MemoryLayout<Float>.stride) / readSeconds,
            method: "best of \(fmaRuns) runs of 8 chains of \(lanes)-lane FMAs (\(KernelVariant.selected) kernels), and of \(readRuns) sums of "
                + "\(memory.description)\(evicted), on \(threads) thread\(threads == 1 ? "" : "s")",
            measuredAt: Date())
    }

    /// The ceilings measured by the first call (reading `resident`, as `measure` does), then the
    /// same for as long as the program runs: they belong to the machine, not to a network.
    public static func measured(reading resident: (layer: String, weights: Tensor)?) -> MachineCeilings {
        firstMeasured.withLock { first in
            if let first { return first }
            let ceilings = measure(reading: resident)
            first = ceilings
            return ceilings
        }
    }

    private static let firstMeasured = Locked<MachineCeilings?>(nil)
}

/// The memory `MachineCeilings.measure` reads: `MachineCeilings.readFloats` floats of a tensor
/// the program already holds, if it is that long, or else a buffer of that size of its own.
struct ReadMemory {
    /// First float read; `MachineCeilings.readFloats` follow.
    let start: UnsafePointer<Float>
    /// What is read: `128 MiB of fc6's weights`, `a 128 MiB buffer`.
    let description: String
    /// Owns or borrows the memory read (a mapped weights file stays mapped while it is read).
    let tensor: Tensor

    init(resident: (layer: String, weights: Tensor)?) {
        let floats = MachineCeilings.readFloats, mebibytes = (floats * MemoryLayout<Float>.stride) >> 20
        if let resident, resident.weights.count >= floats {
            tensor = resident.weights
            description = "\(mebibytes) MiB of \(resident.layer)'s weights"
        } else {
            tensor = HugePageBuffer.tensor(Shape(floats))
            tensor.data.initialize(repeating: 1, count: floats)
            description = "a \(mebibytes) MiB buffer"
        }
        start = UnsafePointer(tensor.data)
    }
}
