import Foundation
import Testing
import TestSupport

/// Usage errors exit with 64 and one line; `--help` documents options, keys, input formats and
/// weights; the program says so when it cannot write its report or has no terminal for the explorer.
@Suite struct CommandLineUsageTests {
    private var chelsea: String { samplesDirectory.appendingPathComponent("chelsea.ppm").path }

    /// Arguments (the sample image is appended where `withImage`) and what the one line says.
    struct UsageError: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        var withImage = true
        var message: String?
        var containing: [String] = []
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let usageErrors: [UsageError] = [
        .init(arguments: ["--model", "vgg", "--report", "json"], containing: ["'vgg'", "--model", "seed", "alexnet"]),
        .init(arguments: ["--top", "0", "--report", "json"], message: "--top 0: must be at least 1 (see alexnet-tui --help)"),
        .init(arguments: ["--repeat", "0", "--report", "json"], message: "--repeat 0: must be at least 1 (see alexnet-tui --help)"),
        // A negative number is the option's value, as with `=`, not a missing value.
        .init(arguments: ["--top", "-1", "--report", "json"], message: "--top -1: must be at least 1 (see alexnet-tui --help)"),
        .init(arguments: ["--repeat", "-3", "--report", "json"], message: "--repeat -3: must be at least 1 (see alexnet-tui --help)"),
        .init(arguments: ["--threads", "-1", "--report", "json"], containing: ["--threads -1: must be 1 to "]),
        .init(arguments: ["--seed", "-1", "--report", "json"], containing: ["'-1'", "'--seed <n>'"]),
        // A forgotten value: the option that follows is named.
        .init(arguments: ["--top", "--report", "json"], containing: ["'--report'", "'--top <k>'"]),
        .init(arguments: ["--frobnicate"], containing: ["--frobnicate"]),
        .init(arguments: ["--report", "xml"], containing: ["'xml'", "table", "json", "csv"]),
        .init(arguments: ["--report", "json"], withImage: false, containing: ["<image>"]),
        .init(arguments: ["--repeat", "3"], containing: ["--repeat", "--report"]),
    ]

    @Test(arguments: usageErrors)
    func usageErrorIsOneLineWithStatus64(_ usage: UsageError) throws {
        let result = try ProductBinary.run(usage.arguments + (usage.withImage ? [chelsea] : []))
        expectOneLineError(result, status: 64, message: usage.message, containing: usage.containing)
    }

    @Test func helpExplainsOptionsKeysFormatsAndWeights() throws {
        let result = try ProductBinary.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        for option in ["--model", "--weights", "--seed", "--top", "--labels", "--report", "--repeat",
                       "--color", "--no-color", "--ascii", "--compare", "--no-mouse"] {
            #expect(result.stdout.contains(option), "\(option) missing from --help")
        }
        for key in ["Space", "PgUp", "Home", "End", "Tab", "Enter", "Esc", "Ctrl-C"] {
            #expect(result.stdout.contains(key), "key \(key) missing from --help")
        }
        #expect(result.stdout.contains("A JPEG, PNG or Netpbm image"), "the image formats read")
        #expect(!result.stdout.contains("on a Netpbm image"), "the overview names one format of three")
        #expect(result.stdout.contains("scripts/export_torchvision_alexnet.py"))
        #expect(result.stdout.contains("scripts/export_seed_tf.py"))
    }

    /// Each context's keys under the overlay's own heading for it, and each key with what it does.
    @Test func helpListsKeysUnderTheirContextEachWithItsOwnAction() throws {
        let result = try ProductBinary.run(["--help"])
        let lines = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for heading in ["cursor mode:", "grid view:", "timing view:", "help overlay:", "in a lesson:"] {
            #expect(lines.contains(heading), "\(heading) missing from --help")
        }
        #expect(!lines.contains { $0.hasPrefix("in the ") })
        #expect(lines.contains { $0.hasPrefix("Home ") && $0.hasSuffix(" scroll to the top") })
        #expect(lines.contains { $0.hasPrefix("End ") && $0.hasSuffix(" scroll to the end") })
    }

    @Test func fullOutputDeviceIsAnError() throws {
        let result = try ProductBinary.run(["--report", "csv", chelsea], stdout: "/dev/full")
        expectOneLineError(result, status: 1, message: "standard output: No space left on device")
    }

    @Test func helpToFullOutputDeviceIsAnError() throws {
        let result = try ProductBinary.run(["--help"], stdout: "/dev/full")
        expectOneLineError(result, status: 1, message: "standard output: No space left on device")
    }

    /// Started with a standard descriptor closed (`>&-`): the image must not be opened on it.
    private func runWithClosed(_ redirection: String, _ arguments: [String]) throws -> ProcessResult {
        try ProductBinary.run(arguments, launcher: ["/bin/sh", "-c", "exec \"$0\" \"$@\" \(redirection)"])
    }

    @Test func closedStandardOutputIsAnError() throws {
        let result = try runWithClosed(">&-", ["--report", "csv", chelsea])
        expectOneLineError(result, status: 1, message: "standard output: Bad file descriptor")
    }

    @Test func closedStandardErrorStillExitsWithTheStatus() throws {
        let missing = try runWithClosed("2>&-", ["--report", "csv", "no-such-image.ppm"])
        #expect(missing.status == 1)
        #expect(missing.stdout.isEmpty)
        let report = try runWithClosed("2>&-", ["--report", "csv", chelsea])
        #expect(report.status == 0)
        #expect(report.stdout.hasPrefix("layer,"))
    }

    @Test func explorerWithoutTerminalSuggestsReport() throws {
        // Standard input is /dev/null: not a terminal.
        let result = try ProductBinary.run([chelsea])
        expectOneLineError(result, status: 1, containing: ["--report table|json|csv"])
    }
}
