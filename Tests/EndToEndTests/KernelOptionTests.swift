import Foundation
import Testing
import TestSupport

/// `--kernels`: every variant this CPU runs gives the logits of the default choice, and names
/// itself in the reports; one it lacks, or an unknown name, is a usage error.
@Suite struct KernelOptionTests {
    private var chelsea: String { samplesDirectory.appendingPathComponent("chelsea.ppm").path }

    /// The variants this CPU runs, from /proc/cpuinfo's flags (independently of the program's CPUID).
    private static var variantsOfThisCPU: [String] {
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").map(String.init) ?? []
        var variants = ["generic"]
        if flags.contains("avx2") && flags.contains("fma") { variants.append("avx2") }
        if ["avx512f", "avx512vl", "avx512bw", "avx512dq", "avx512cd"].allSatisfy(flags.contains) {
            variants.append("avx512")
        }
        return variants
    }

    /// `alexnet`: its uniform random init is cheap everywhere. NOTE: `seed`'s truncated normal on
    /// the generic variant emulates the fused multiply-add (same bits as the others), ~50x slower.
    private func jsonReport(_ extra: [String]) throws -> [String: Any] {
        let result = try ProductBinary.run(["--report", "json", "--model", "alexnet", chelsea] + extra, timeout: 600)
        #expect(result.status == 0, "\(extra): \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func everyVariantOfThisCPUGivesTheSameLogits() throws {
        let auto = try jsonReport([])
        #expect(auto["kernels"] as? String == Self.variantsOfThisCPU.last)
        let expected = try #require(auto["logits"] as? [Double])
        for variant in Self.variantsOfThisCPU {
            let forced = try jsonReport(["--kernels", variant])
            #expect(forced["kernels"] as? String == variant)
            let logits = try #require(forced["logits"] as? [Double])
            let scale = expected.map(abs).max() ?? 1
            #expect(logits.count == expected.count)
            for (a, b) in zip(logits, expected) {
                #expect(abs(a - b) <= 1e-5 * scale, "\(variant): \(a) vs \(b)")
            }
        }
    }

    @Test func theTableReportNamesTheVariant() throws {
        let result = try ProductBinary.run(["--report", "table", "--model", "alexnet", "--kernels", "generic", chelsea],
                                           timeout: 600)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").first?.hasSuffix(", kernels: generic") == true)
    }

    @Test func anUnknownVariantIsAUsageError() throws {
        let result = try ProductBinary.run(["--kernels", "sse9", "--report", "json", chelsea])
        expectOneLineError(result, status: 64, containing: ["'sse9'", "--kernels", "generic", "avx2", "avx512"])
    }

    @Test func aVariantThisCPULacksIsAUsageErrorNamingWhatItHas() throws {
        guard let missing = ["avx2", "avx512"].first(where: { !Self.variantsOfThisCPU.contains($0) }) else { return }
        let result = try ProductBinary.run(["--kernels", missing, "--report", "json", chelsea])
        expectOneLineError(result, status: 64,
                           message: "--kernels \(missing): this CPU runs \(Self.variantsOfThisCPU.joined(separator: ", ")) only "
                               + "(see alexnet-tui --help)")
    }
}
