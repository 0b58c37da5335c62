import Foundation
import Testing
import TestSupport

/// A report's peak resident memory stays within its weights + 64 MiB (issue 12): the machine's
/// ceilings, measured after the runs, read fc6's weights (resident by then) rather than a buffer
/// of their own, which took 128 MiB more.
@Suite struct ReportPeakMemoryTests {
    private var chelsea: String { samplesDirectory.appendingPathComponent("chelsea.ppm").path }

    @Test(arguments: ["seed", "alexnet"])
    func aReportOnRandomWeightsPeaksWithinTheWeightsPlus64MiB(model: String) throws {
        try expectPeakWithinWeights(["--model", model, "--report", "json", "--repeat", "2", chelsea])
    }

    /// Mapped from a file (all zeros, a hole: its pages count once read, as a real file's do).
    @Test func aReportOnAMappedWeightsFilePeaksWithinTheWeightsPlus64MiB() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("alexnet.safetensors")
        try SafeTensorsFixture.preset("alexnet").write(to: path)
        try expectPeakWithinWeights(["--weights", path, "--report", "json", "--repeat", "2", chelsea])
    }

    /// Runs the report under `/usr/bin/time` (GNU time's `%M`: the peak resident set in KiB) and
    /// checks it against the weights the report counts (`totals.weight_bytes`) + 64 MiB.
    private func expectPeakWithinWeights(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scratch = try ScratchDirectory()
        let stats = scratch.path("time")
        let result = try ProductBinary.run(arguments, launcher: ["/usr/bin/time", "-f", "%M", "-o", stats],
                                           timeout: 120)
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let weightBytes = try #require((json["totals"] as? [String: Any])?["weight_bytes"] as? Int)
        let lastLine = try String(contentsOfFile: stats, encoding: .utf8).split(separator: "\n").last
        let peakKiB = try #require(lastLine.flatMap { Int($0) }, "no peak from /usr/bin/time", sourceLocation: sourceLocation)
        let limitKiB = (weightBytes + (64 << 20)) / 1024
        #expect(peakKiB <= limitKiB, "peak \(peakKiB) KiB, weights \(weightBytes / 1024) KiB + 64 MiB = \(limitKiB) KiB",
                sourceLocation: sourceLocation)
    }
}
