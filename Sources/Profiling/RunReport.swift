import Engine

/// Everything the non-interactive reports print about one completed run: per layer its shape,
/// cost, timing and activation statistics, then the logits and the most probable classes.
///
/// The table, JSON and CSV forms are all rendered from this one value, so they agree.
public struct RunReport: Sendable {
    public struct Image: Sendable, Equatable {
        public let path: String
        public let width: Int
        public let height: Int
        public init(path: String, width: Int, height: Int) {
            self.path = path
            self.width = width
            self.height = height
        }
    }

    public struct Layer: Sendable {
        /// Name, kind, cost, timing, share of the total and throughput.
        public let profile: NetworkProfile.Entry
        /// One line for people, e.g. `conv 11x11/4 SAME, 96 filters, ReLU`.
        public let summary: String
        /// How the engine computes it when that does fewer operations than `cost` counts.
        public let method: String?
        /// `[H, W, C]` or `[N]`.
        public let outputShape: Shape
        public let stats: ActivationStats
        /// Computed but read by no later layer (`seed`'s conv5).
        public let unused: Bool
        /// The roof that limits the layer, by its intensity; nil without ceilings or traffic.
        public let bound: RooflineBound?
        /// The layer on the roofline of `RunReport.ceilings`; nil when not timed or without ceilings.
        public let roofline: RooflinePoint?

        public var name: String { profile.name }
        public var kind: LayerKind { profile.kind }
        public var cost: LayerCost { profile.cost }
        public var timing: TimingSummary? { profile.timing }
        public var share: Double? { profile.share }
    }

    public struct RankedClass: Sendable, Equatable {
        public let classIndex: Int
        public let label: String
        /// Softmax probability.
        public let probability: Float
    }

    public let model: String
    /// `random init, seed 0` or the weights file's path.
    public let weights: String
    /// The weights were drawn at random: the classes ranked mean nothing, and the report says so.
    public let randomWeights: Bool
    /// The kernel variant that computed the run (`avx512`).
    public let kernels: String
    public let image: Image
    public let warmupRuns: Int
    /// Timed runs each layer's median is taken over.
    public let timedRuns: Int
    public let layers: [Layer]
    public let totals: NetworkProfile.Totals
    public let logits: [Float]
    /// Only classes whose probability is a number; empty when there is no prediction.
    public let top: [RankedClass]
    /// Why no class can be ranked (`noPredictionReason`), or nil when softmax gives probabilities.
    public let noPrediction: String?
    /// With `--compare`: the second input against this run, layer by layer.
    public var comparison: ComparisonReport?
    /// The roofs each layer's `roofline` is measured against; nil leaves the roofline out.
    public let ceilings: MachineCeilings?

    /// The report of `run`, which must be complete, timed by `profiler`.
    public init(run: ForwardRun, profiler: LayerProfiler, model: String, weights: String, randomWeights: Bool = false,
                image: Image, labels: [String], topK: Int, warmupRuns: Int, timedRuns: Int,
                ceilings: MachineCeilings? = nil) {
        precondition(run.isComplete, "a report needs a complete run")
        let network = run.network
        let profile = NetworkProfile(network: network, profiler: profiler)
        let unused = network.unusedLayers
        self.model = model
        self.weights = weights
        self.randomWeights = randomWeights
        kernels = KernelVariant.selected.rawValue
        self.image = image
        self.warmupRuns = warmupRuns
        self.timedRuns = timedRuns
        self.ceilings = ceilings
        self.layers = profile.entries.map { entry in
            let node = network.nodes[entry.index]
            let bound = ceilings.flatMap { ceilings in entry.cost.intensity.map(ceilings.bound(intensity:)) }
            let roofline = ceilings.flatMap { ceilings in
                entry.timing.flatMap { RooflinePoint(cost: entry.cost, seconds: $0.median, ceilings: ceilings) }
            }
            return Layer(profile: entry, summary: node.layer.summary, method: node.layer.method,
                         outputShape: node.outputShape,
                         stats: ActivationStats(run.outputs[entry.index]), unused: unused.contains(entry.index),
                         bound: bound, roofline: roofline)
        }
        self.totals = profile.totals
        let logits = run.outputs[network.nodes.count - 1]
        self.logits = logits.toArray()
        self.top = RunReport.rank(UnsafeBufferPointer(logits.buffer), labels: labels, count: topK)
        self.noPrediction = RunReport.noPrediction(ranked: top, asked: topK)
    }

    /// The line beside the ranked classes when the weights are random.
    public static let randomWeightsNote =
        "random weights: these classes mean nothing; trained ones: scripts/export_*.py (README.md)"

    /// Said instead of the ranked classes when softmax gives no probability (every logit NaN or
    /// -infinity): ranking NaNs would list classes 0, 1, 2… as if they were a prediction.
    public static let noPredictionReason = "the logits are not finite"

    /// `noPredictionReason` when `rank` was asked for classes and found none with a probability
    /// (it leaves out only those whose probability is NaN), else nil.
    static func noPrediction(ranked top: [RankedClass], asked count: Int) -> String? {
        count > 0 && top.isEmpty ? noPredictionReason : nil
    }

    /// The `count` most probable classes by softmax, most probable first, ties in class order;
    /// classes whose probability is NaN (their logit is NaN, or no logit is usable) are left out.
    static func rank(_ logits: UnsafeBufferPointer<Float>, labels: [String], count: Int) -> [RankedClass] {
        let probabilities = softmax(logits)
        let order = probabilities.indices.filter { probabilities[$0].isFinite }.sorted { a, b in
            probabilities[a] != probabilities[b] ? probabilities[a] > probabilities[b] : a < b
        }
        return order.prefix(max(count, 0)).map { index in
            RankedClass(classIndex: index, label: index < labels.count ? labels[index] : "class \(index)",
                        probability: probabilities[index])
        }
    }
}
