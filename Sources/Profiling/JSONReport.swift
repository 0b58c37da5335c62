import Engine

/// A JSON value with object keys kept in the order written, so reports read top-down.
indirect enum JSONValue {
    case null
    case bool(Bool)
    case int(Int)
    /// Non-finite values become `null`: the output stays valid JSON whatever the network computed.
    case double(Double)
    case float(Float)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// Objects one member per line; arrays of plain values on one line.
    func rendered(indent: String = "") -> String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .double(let value): return MachineNumber.text(value) ?? "null"
        case .float(let value): return MachineNumber.text(value) ?? "null"
        case .string(let value): return jsonStringLiteral(value)
        case .array(let values):
            guard values.contains(where: \.isContainer) else {
                return "[" + values.map { $0.rendered() }.joined(separator: ", ") + "]"
            }
            let inner = indent + "  "
            return "[\n" + values.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n")
                + "\n" + indent + "]"
        case .object(let members):
            guard !members.isEmpty else { return "{}" }
            let inner = indent + "  "
            return "{\n" + members.map { inner + jsonStringLiteral($0.0) + ": " + $0.1.rendered(indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    private var isContainer: Bool {
        switch self {
        case .array, .object: return true
        default: return false
        }
    }
}

extension RunReport.RankedClass {
    /// `{"class": 281, "label": "tabby", "p": 0.61}`.
    var json: JSONValue {
        .object([("class", .int(classIndex)), ("label", .string(label)), ("p", .float(probability))])
    }
}

extension RunReport {
    /// The `top` member and beside it `no_prediction`: null, or why `top` is empty although
    /// classes were asked for (`"the logits are not finite"`).
    static func predictionJSON(top: [RankedClass], noPrediction: String?) -> [(String, JSONValue)] {
        [("top", .array(top.map(\.json))), ("no_prediction", noPrediction.map(JSONValue.string) ?? .null)]
    }

    /// One JSON object: the contract of issue 2 (`model`, `image`, `layers`, `logits`, `top`)
    /// plus `weights`, `random_weights` (true: the ranked classes mean nothing), `kernels`,
    /// `timing`, the roofline's `ceilings`, per-layer costs, `totals` and `no_prediction`.
    func jsonText() -> String {
        let repeated = timedRuns > 1
        let layerValues: [JSONValue] = layers.map { layer in
            var members: [(String, JSONValue)] = [
                ("name", .string(layer.name)),
                ("kind", .string(layer.kind.rawValue)),
                ("summary", .string(layer.summary)),
                ("method", layer.method.map(JSONValue.string) ?? .null),
                ("output", .array(layer.outputShape.dims.map(JSONValue.int))),
                ("params", .int(layer.cost.parameters)),
                ("macs", .int(layer.cost.multiplyAdds)),
                ("flops", .int(layer.cost.flops)),
                ("weight_bytes", .int(layer.cost.weightBytes)),
                ("activation_bytes", .int(layer.cost.activationBytes)),
                ("bytes", .int(layer.cost.trafficBytes)),
                ("performed_flops", .int(layer.cost.performedFlops)),
                ("intensity", layer.cost.intensity.map(JSONValue.double) ?? .null),
                ("bound", layer.bound.map { .string($0.rawValue) } ?? .null),
                ("stats", .object([
                    ("min", .double(layer.stats.min)),
                    ("max", .double(layer.stats.max)),
                    ("mean", .double(layer.stats.mean)),
                    ("std", .double(layer.stats.std)),
                    ("zeros", .double(layer.stats.zeros)),
                    ("nonfinite", .int(layer.stats.nonFinite)),
                ])),
            ]
            if let timing = layer.timing {
                members.append(("ms", .double(RunReport.milliseconds(timing.median))))
                if repeated {
                    members.append(("ms_min", .double(RunReport.milliseconds(timing.min))))
                    members.append(("ms_max", .double(RunReport.milliseconds(timing.max))))
                }
                members.append(("share", .double(layer.share ?? 0)))
                members.append(("gflops_per_s", layer.profile.gigaflopsPerSecond.map(JSONValue.double) ?? .null))
                members.append(("gb_per_s", layer.profile.gigabytesPerSecond.map(JSONValue.double) ?? .null))
                members.append(("roofline", layer.roofline.map { .double($0.share) } ?? .null))
            }
            if layer.unused { members.append(("unused", .bool(true))) }
            if let comparison { members.append(("compare", comparison.layerJSON(layer.profile.index))) }
            return .object(members)
        }
        var totalMembers: [(String, JSONValue)] = [
            ("params", .int(totals.parameters)),
            ("macs", .int(totals.multiplyAdds)),
            ("flops", .int(totals.flops)),
            ("weight_bytes", .int(totals.weightBytes)),
            ("ms", .double(RunReport.milliseconds(totals.seconds))),
        ]
        if repeated, let runs = totals.runs {
            totalMembers.append(("run_ms", .object([
                ("min", .double(RunReport.milliseconds(runs.min))),
                ("median", .double(RunReport.milliseconds(runs.median))),
                ("max", .double(RunReport.milliseconds(runs.max))),
            ])))
        }
        let document: JSONValue = .object([
            ("model", .string(model)),
            ("weights", .string(weights)),
            ("random_weights", .bool(randomWeights)),
            ("kernels", .string(kernels)),
            ("image", .object([
                ("path", .string(image.path)),
                ("width", .int(image.width)),
                ("height", .int(image.height)),
            ])),
            ("timing", .object([("warmup", .int(warmupRuns)), ("runs", .int(timedRuns)),
                                ("statistic", .string(timedRuns > 1 ? "median" : "single run"))])),
            ("ceilings", ceilings.map { ceilings in
                .object([("fma_gflops_per_s", .double(ceilings.peakFlopsPerSecond / 1e9)),
                         ("read_gb_per_s", .double(ceilings.readBytesPerSecond / 1e9)),
                         ("method", .string(ceilings.method)),
                         ("measured", .string(ceilings.measuredAtText))])
            } ?? .null),
            ("layers", .array(layerValues)),
            ("totals", .object(totalMembers)),
            ("logits", .array(logits.map(JSONValue.float))),
        ] + RunReport.predictionJSON(top: top, noPrediction: noPrediction) + (comparison.map { [("compare", $0.json)] } ?? []))
        return document.rendered() + "\n"
    }
}
