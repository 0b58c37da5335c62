import Foundation
import Testing
import TestSupport

/// Usage errors exit with 64 and one line; `--help` documents options, keys and weights; the
/// program says so when it cannot write its report or has no terminal for the explorer.
@Suite struct CommandLineUsageTests {
    private var chelsea: String { samplesDirectory.appendingPathComponent("chelsea.ppm").path }

    @Test func unknownModelIsAUsageError() throws {
        let result = try ProductBinary.run(["--model", "vgg", "--report", "json", chelsea])
        expectOneLineError(result, status: 64, containing: ["'vgg'", "--model", "seed", "alexnet"])
    }

    @Test func topZeroIsAUsageError() throws {
        let result = try ProductBinary.run(["--top", "0", "--report", "json", chelsea])
        expectOneLineError(result, status: 64, message: "--top 0: must be at least 1 (see alexnet-tui --help)")
    }

    @Test func repeatZeroIsAUsageError() throws {
        let result = try ProductBinary.run(["--repeat", "0", "--report", "json", chelsea])
        expectOneLineError(result, status: 64, message: "--repeat 0: must be at least 1 (see alexnet-tui --help)")
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try ProductBinary.run(["--frobnicate", chelsea])
        expectOneLineError(result, status: 64, containing: ["--frobnicate"])
    }

    @Test func unknownReportFormatIsAUsageError() throws {
        let result = try ProductBinary.run(["--report", "xml", chelsea])
        expectOneLineError(result, status: 64, containing: ["'xml'", "table", "json", "csv"])
    }

    @Test func missingImageIsAUsageError() throws {
        let result = try ProductBinary.run(["--report", "json"])
        expectOneLineError(result, status: 64, containing: ["<image>"])
    }

    @Test func repeatWithoutReportIsAUsageError() throws {
        let result = try ProductBinary.run(["--repeat", "3", chelsea])
        expectOneLineError(result, status: 64, containing: ["--repeat", "--report"])
    }

    @Test func helpExplainsOptionsKeysAndWeights() throws {
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
        #expect(result.stdout.contains("scripts/export_torchvision_alexnet.py"))
        #expect(result.stdout.contains("scripts/export_seed_tf.py"))
    }

    @Test func fullOutputDeviceIsAnError() throws {
        let result = try ProductBinary.run(["--report", "csv", chelsea], stdout: "/dev/full")
        expectOneLineError(result, status: 1, message: "standard output: No space left on device")
    }

    @Test func explorerWithoutTerminalSuggestsReport() throws {
        // Standard input is /dev/null: not a terminal.
        let result = try ProductBinary.run([chelsea])
        expectOneLineError(result, status: 1, containing: ["--report table|json|csv"])
    }
}
