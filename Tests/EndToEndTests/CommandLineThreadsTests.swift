import Foundation
import Testing
import TestSupport

/// `--threads n` changes who computes, not what: 1, 2, 4 and more threads than cores give the
/// same bits in every layer and in the logits.
///
/// Most sums are done by one thread. The one exception is a dense layer with weights `[in, out]`
/// (`seed`'s fc6 and fc7): its sums over the inputs are cut into chunks of rows whose partial sums
/// are added in chunk order; the chunks do not depend on the thread count, so neither do the bits.
@Suite(.serialized) struct CommandLineThreadsTests {
    private var chelsea: String { samplesDirectory.appendingPathComponent("chelsea.ppm").path }

    /// Layer names with their statistics, and the logits, of a JSON report.
    private func report(model: String, threads: Int) throws -> (layers: [String], stats: [[String: Double]], logits: [Double]) {
        let result = try ProductBinary.run(["--model", model, "--threads", String(threads), "--report", "json", chelsea],
                                           timeout: 120)
        try #require(result.status == 0, "--threads \(threads): \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let layers = try #require(json["layers"] as? [[String: Any]])
        return (layers.map { $0["name"] as? String ?? "" }, layers.map { $0["stats"] as? [String: Double] ?? [:] },
                try #require(json["logits"] as? [Double]))
    }

    @Test(arguments: ["seed", "alexnet"])
    func threadCountsGiveTheSameLogits(model: String) throws {
        let one = try report(model: model, threads: 1)
        // 2 and 4, and more threads than this machine has cores.
        for threads in [2, 4, ProcessInfo.processInfo.activeProcessorCount * 2 + 1] {
            let other = try report(model: model, threads: threads)
            #expect(other.layers == one.layers)
            for (name, (a, b)) in zip(one.layers, zip(one.stats, other.stats)) {
                #expect(a == b, "\(model) \(name) with \(threads) threads: \(b), 1 thread: \(a)")
            }
            let worst = zip(one.logits, other.logits).map { abs($0 - $1) }.max() ?? .infinity
            #expect(other.logits == one.logits, "\(model) logits with \(threads) threads differ by up to \(worst)")
        }
    }

    @Test func zeroThreadsIsAUsageError() throws {
        let result = try ProductBinary.run(["--threads", "0", "--report", "json", chelsea])
        expectOneLineError(result, status: 64, message: "--threads 0: must be 1 to 256 (see alexnet-tui --help)")
    }
}
