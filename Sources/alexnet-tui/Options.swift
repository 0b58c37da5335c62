import ArgumentParser
import Engine
import Profiling

extension Preset: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension InitScheme: ExpressibleByArgument {}
extension DropoutMode: ExpressibleByArgument {}

extension SingleValueParsingStrategy {
    /// How a numeric option takes its value: the next word whatever it starts with, so that
    /// `--top -1` is -1 and gets the range message `--top=-1` gets, not "missing value" (by
    /// default a word starting with a dash is taken for an option). A forgotten value
    /// (`--top --report json`) is then named as an invalid value.
    static var number: Self { .unconditional }
}

struct ModelOptions: ParsableArguments {
    @Option(name: .customLong("model"),
            help: ArgumentHelp("The network: seed (17 flower classes, the TensorFlow original) or alexnet (torchvision's, 1000 ImageNet classes). Default: the model the --weights file is for, else seed.",
                               valueName: "model"))
    var requestedModel: Preset?

    @Option(help: ArgumentHelp("Weights in a .safetensors file, keys and layouts as the model's original (see WEIGHTS below). Without it, weights are random.",
                               valueName: "file"))
    var weights: String?

    @Option(parsing: .number, help: ArgumentHelp("Seed of the random weights when no --weights file is given; the same seed gives the same weights everywhere.",
                               valueName: "n"))
    var seed: UInt64 = 0

    @Option(name: .customLong("init"),
            help: ArgumentHelp("How random weights are drawn: default (the model's own), truncated-normal-0.1 (the seed's), he or glorot (uniform). Biases keep the model's own.",
                               valueName: "scheme"))
    var initScheme: InitScheme = .presetDefault

    @Option(help: ArgumentHelp("How fc6's and fc7's dropout runs: inference (the identity) or original (the seed's graph drops half of them even when it predicts, with a mask drawn from --seed; seed model only).",
                               valueName: "mode"))
    var dropout: DropoutMode = .inference

    func validate() throws {
        if let weights, initScheme != .presetDefault {
            throw ValidationError("--init \(initScheme.rawValue): random weights only, not with --weights \(weights)")
        }
        if let requestedModel { try checkDropout(for: requestedModel) }
    }

    /// `--dropout original` is the seed's graph only: checked again once the weights file has
    /// decided the preset.
    func checkDropout(for preset: Preset) throws {
        if dropout == .original, preset != .seed {
            throw ValidationError("--dropout original: the seed model only (\(preset.rawValue) predicts with dropout off, as torchvision's eval() does)")
        }
    }

    var weightsChoice: WeightsChoice {
        weights.map { WeightsChoice.file(path: $0) } ?? .random(seed: seed)
    }

    /// `random init, seed 0`, or the weights file as given.
    var weightsDescription: String {
        weights ?? "random init, seed \(seed)" + (initScheme == .presetDefault ? "" : ", \(initScheme.rawValue)")
    }
}

struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("A JPEG, PNG or Netpbm image (PBM, PGM, PPM: P1-P6; PAM: P7), told apart by its first bytes. Other sizes than 224x224 are resized as the model's preprocessing says.",
                                 valueName: "image"))
    var image: String

    @Option(parsing: .number, help: ArgumentHelp("How many of the most probable classes to show.", valueName: "k"))
    var top: Int = 5

    @Option(help: ArgumentHelp("Class names, one per line, replacing the model's; there must be one per class (line N names class N-1: a blank line between names is an empty name, blank lines at the end are ignored).",
                               valueName: "file"))
    var labels: String?

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top \(top): must be at least 1") }
    }
}

struct ReportOptions: ParsableArguments {
    @Option(name: .customLong("report"),
            help: ArgumentHelp("Run every layer without the explorer and print a report: table (for people), json or csv (for scripts).",
                               valueName: "format"))
    var format: ReportFormat?

    @Option(name: .customLong("repeat"), parsing: .number,
            help: ArgumentHelp("Time each layer over n runs of the whole network after one warm-up run, and report the medians (with --report).",
                               valueName: "n"))
    var repeatCount: Int?

    func validate() throws {
        if let repeatCount, repeatCount < 1 {
            throw ValidationError("--repeat \(repeatCount): must be at least 1")
        }
    }
}

struct ThreadOptions: ParsableArguments {
    @Option(name: .customLong("threads"), parsing: .number,
            help: ArgumentHelp("Threads the network is computed on. Default: the cores this process may run on (\(AvailableCores.count()) here).",
                               valueName: "n"))
    var count: Int?

    func validate() throws {
        if let count, !(1...KernelThreads.maximum).contains(count) {
            throw ValidationError("--threads \(count): must be 1 to \(KernelThreads.maximum)")
        }
    }

    /// Fixes the engine's thread count; before anything is computed.
    func apply() {
        if let count { KernelThreads.request(count) }
    }
}
