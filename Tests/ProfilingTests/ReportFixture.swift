import Engine
import Foundation
import Profiling

/// A three-layer run with hand-chosen outputs and times: `conv` [2, 2, 1] → `spare` [2]
/// (computed, read by nothing) and `fc` [3] (reads conv), the logits.
struct ReportFixture {
    static let ms: UInt64 = 1_000_000

    var labels = ["ant", "bee", "cat"]
    var imagePath = "images/a \"cat\".ppm"
    var weights = "random init, seed 0"
    /// Logits; softmax by hand: e^k / (e + e^2 + e^3).
    var logits: [Float] = [1, 3, 2]
    var convValues: [Float] = [0, 1, 2, -1]
    var convMethod: String? = nil
    /// What conv's method does, when fewer than its 36 multiply-adds (Winograd's products).
    var convPerformedMultiplyAdds: Int? = nil
    /// Roofs for hand-worked shares: a ridge at 10 FLOPs per byte.
    var ceilings: MachineCeilings? = ReportFixture.handCeilings
    static let handCeilings = MachineCeilings(
        peakFlopsPerSecond: 1e6, readBytesPerSecond: 1e5, method: "fixed for the tests",
        measuredAt: Date(timeIntervalSince1970: 1_764_000_000))

    func report(repeats: Int = 3, topK: Int = 2, randomWeights: Bool = true) throws -> RunReport {
        let clock = FakeClock()
        let run = try makeRun([
            ScriptedLayer(name: "conv", kind: .conv2d, output: Shape(2, 2, 1), multiplyAdds: 36,
                          performedMultiplyAdds: convPerformedMultiplyAdds, parameters: 10, method: convMethod,
                          values: convValues, clock: clock,
                          durations: [2 * Self.ms, 4 * Self.ms, 3 * Self.ms]),
            ScriptedLayer(name: "spare", kind: .dropout, output: Shape(2), multiplyAdds: 4, clock: clock,
                          durations: [1 * Self.ms]),
            ScriptedLayer(name: "fc", kind: .dense, output: Shape(3), multiplyAdds: 12, parameters: 15,
                          values: logits, clock: clock, durations: [4 * Self.ms, 6 * Self.ms, 5 * Self.ms]),
        ], sources: ["fc": "conv"], labels: labels)
        let profiler = LayerProfiler(clock: clock)
        profile(run, warmup: 0, repeats: repeats, profiler: profiler)
        return RunReport(run: run, profiler: profiler, model: "scripted", weights: weights,
                         randomWeights: randomWeights,
                         image: .init(path: imagePath, width: 451, height: 300),
                         labels: labels, topK: topK, warmupRuns: 1, timedRuns: repeats, ceilings: ceilings)
    }
}

/// Parses `text` as a JSON object, as a consumer of the report would.
func parseJSONObject(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    guard let dictionary = object as? [String: Any] else { throw CocoaError(.coderReadCorrupt) }
    return dictionary
}
