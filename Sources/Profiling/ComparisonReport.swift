import Engine

/// What `--compare` adds to a report: how alike the second input's activations are to the
/// first's at every layer, and the second input's most probable classes.
public struct ComparisonReport: Sendable {
    /// The second input as given: an image path or a transform (`flip`, `shift:4,0`).
    public let input: String
    /// One per layer, in the network's order.
    public let layers: [ActivationComparison]
    public let top: [RunReport.RankedClass]
    /// Why B has no ranked classes (`RunReport.noPredictionReason`), or nil.
    public let noPrediction: String?

    /// The report of `run`, which must be complete.
    public init(_ run: ComparisonRun, input: String, labels: [String], topK: Int) {
        precondition(run.isComplete, "a report needs a complete run")
        self.input = input
        layers = ActivationComparison.layers(of: run.first, run.second)
        let logits = run.second.outputs[run.network.nodes.count - 1]
        top = RunReport.rank(UnsafeBufferPointer(logits.buffer), labels: labels, count: topK)
        noPrediction = RunReport.noPrediction(ranked: top, asked: topK)
    }

    /// `{"similarity": …, "distance": …}` of layer `index`: the cosine similarity and the
    /// relative L2 distance ‖A − B‖ / ‖A‖.
    func layerJSON(_ index: Int) -> JSONValue {
        .object([("similarity", .double(layers[index].cosineSimilarity)),
                 ("distance", .double(layers[index].relativeDistance))])
    }

    /// The document's `compare` member: the input and its top classes (or why there are none).
    var json: JSONValue {
        .object([("input", .string(input))] + RunReport.predictionJSON(top: top, noPrediction: noPrediction))
    }
}
