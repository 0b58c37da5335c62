import Foundation

extension RunReport {
    static let csvHeader = [
        "layer", "kind", "output", "params", "macs", "flops", "weight_bytes", "activation_bytes",
        "ms", "ms_min", "ms_max", "share", "gflops_per_s", "gb_per_s",
        "bytes", "performed_flops", "intensity", "bound", "roofline",
        "min", "max", "mean", "std", "zeros", "nonfinite", "unused",
    ]

    /// With `--compare`, after the others: B's cosine similarity and relative distance to A.
    static let csvComparisonHeader = ["compare_similarity", "compare_distance"]

    /// A header line and one row per layer; numbers written exactly as in the JSON form, an empty
    /// field where there is no number (a layer not timed, a non-finite value).
    func csvText() -> String {
        let rows = layers.map { layer -> [String] in
            let timing = layer.timing
            let number = { (value: Double?) in value.flatMap(MachineNumber.text) ?? "" }
            return [
                layer.name, layer.kind.rawValue, layer.outputShape.description,
                String(layer.cost.parameters), String(layer.cost.multiplyAdds), String(layer.cost.flops),
                String(layer.cost.weightBytes), String(layer.cost.activationBytes),
                number(timing.map { RunReport.milliseconds($0.median) }),
                number(timing.map { RunReport.milliseconds($0.min) }),
                number(timing.map { RunReport.milliseconds($0.max) }),
                number(layer.share), number(layer.profile.gigaflopsPerSecond), number(layer.profile.gigabytesPerSecond),
                String(layer.cost.trafficBytes), String(layer.cost.performedFlops), number(layer.cost.intensity),
                layer.bound?.rawValue ?? "", number(layer.roofline?.share),
                number(layer.stats.min), number(layer.stats.max), number(layer.stats.mean),
                number(layer.stats.std), number(layer.stats.zeros), String(layer.stats.nonFinite),
                layer.unused ? "true" : "false",
            ] + (comparison.map { comparison in
                let compared = comparison.layers[layer.profile.index]
                return [number(compared.cosineSimilarity), number(compared.relativeDistance)]
            } ?? [])
        }
        let header = RunReport.csvHeader + (comparison == nil ? [] : RunReport.csvComparisonHeader)
        return ([header] + rows).map { $0.map(RunReport.csvField).joined(separator: ",") }
            .joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting, for names that contain a comma, quote or line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
