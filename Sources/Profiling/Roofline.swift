import Engine

/// The roof that limits a layer: the FMA peak, or the rate memory can deliver its bytes.
public enum RooflineBound: String, Sendable {
    case compute, memory
}

/// Where one timed layer sits on the roofline (Williams, Waterman & Patterson, 2009): its
/// operational intensity, the FLOP/s it attained, the roof above it and its share of that roof.
///
/// The byte model is the traffic a pass cannot avoid: every weight read once, the input read
/// once and the output written once, all float32 (`LayerCost.trafficBytes`). Scratch traffic
/// (im2col patches, Winograd's transformed tiles) and re-reads are not counted, so the intensity
/// is an upper bound; a small layer whose data stays in the caches can beat the memory roof,
/// which shows as a share above 100%. FLOPs are those the engine does (`performedFlops`):
/// Winograd layers count their products' multiply-adds, not the direct convolution's.
public struct RooflinePoint: Sendable, Equatable {
    /// FLOPs done per byte moved.
    public let intensity: Double
    public let attainedFlopsPerSecond: Double
    public let bound: RooflineBound
    /// Attained FLOP/s over the binding roof: over the peak when compute-bound; when memory-bound,
    /// equally the bytes per second over the read bandwidth.
    public let share: Double

    /// Nil for a layer that moves no bytes or does no FLOPs, or takes no time.
    public init?(cost: LayerCost, seconds: Double, ceilings: MachineCeilings) {
        guard let intensity = cost.intensity, cost.performedFlops > 0, seconds > 0 else { return nil }
        self.intensity = intensity
        attainedFlopsPerSecond = Double(cost.performedFlops) / seconds
        bound = ceilings.bound(intensity: intensity)
        share = attainedFlopsPerSecond / ceilings.attainableFlopsPerSecond(intensity: intensity)
    }

    /// The share in whole percent, `92%`; a share that rounds to 0% is `<1%`, since the layer
    /// did reach some of its roof (a tiny layer preempted while timed, on a loaded machine).
    public var percent: String {
        let whole = Int((share * 100).rounded())
        return (whole == 0 && share > 0 ? "<1" : String(whole)) + "%"
    }

    /// `memory-bound, 92% of read bandwidth`, `compute-bound, 71% of FMA peak`; a share above
    /// 100% says why, lest it read as a mistake: a memory-bound layer's bytes came from the
    /// caches (the bandwidth is memory's), a compute-bound layer beat a peak measured low (on a
    /// machine whose clock or neighbours changed).
    public var description: String {
        switch bound {
        case .compute: return "compute-bound, \(percent) of FMA peak" + (share > 1 ? " (above the peak measured)" : "")
        case .memory: return "memory-bound, \(percent) of read bandwidth" + (share > 1 ? " (its bytes were in the caches)" : "")
        }
    }
}

extension MachineCeilings {
    /// Memory below the ridge (at it, both roofs give the same rate: counted as compute).
    public func bound(intensity: Double) -> RooflineBound {
        intensity < ridgeIntensity ? .memory : .compute
    }

    /// The roof at `intensity`: min(FMA peak, intensity × read bandwidth).
    public func attainableFlopsPerSecond(intensity: Double) -> Double {
        min(peakFlopsPerSecond, intensity * readBytesPerSecond)
    }
}
