import Engine

/// Maps a value in [0, 1] to a colour: a perceptually ordered map (viridis), sampled into a
/// 256-entry table once so heat-maps do no arithmetic per cell beyond an index.
public struct ColorMap: Sendable {
    /// 256 entries, dark to bright.
    public let table: [(UInt8, UInt8, UInt8)]

    /// Drawn for NaN and ±infinity: magenta is absent from viridis, so it cannot be mistaken for data.
    public static let nonFinite = CellColor.rgb(255, 0, 255)

    /// Viridis, from its published control points at 0, 1/8, …, 1, linearly interpolated.
    public static let viridis = ColorMap(stops: [
        (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
        (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
    ])

    /// Blue for negative, near-white at zero, red for positive (ColorBrewer's RdBu, reversed):
    /// for values before an activation, where the sign matters.
    public static let diverging = ColorMap(stops: [
        (33, 102, 172), (103, 169, 207), (209, 229, 240), (247, 247, 247),
        (253, 219, 199), (239, 138, 98), (178, 24, 43),
    ])

    /// The ASCII counterpart of `diverging`: negatives and positives drawn with different
    /// characters, so the sign reads without colour; blank at zero.
    public static let divergingRamp: [Character] = ["X", "x", "=", "-", " ", ".", "+", "*", "@"]

    init(stops: [(UInt8, UInt8, UInt8)]) {
        let segments = stops.count - 1
        table = (0..<256).map { index in
            let position = Double(index) / 255 * Double(segments)
            let lower = min(Int(position), segments - 1)
            let t = position - Double(lower)
            let (a, b) = (stops[lower], stops[lower + 1])
            func mix(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Double(x) * (1 - t) + Double(y) * t).rounded()) }
            return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
        }
    }

    /// The colour of table entry `index` (0…255).
    @inline(__always)
    public func color(index: Int) -> CellColor {
        let (r, g, b) = table[index]
        return .rgb(r, g, b)
    }
}

/// Maps values to [0, 1] (or a table index) by a linear range; a constant range maps to 0 rather
/// than dividing by zero, and non-finite values are reported separately.
public struct ValueScale: Equatable, Sendable {
    public let low: Float
    public let high: Float
    /// 1 / (high - low), or 0 for a constant range.
    let inverseSpan: Float

    public init(low: Double, high: Double) {
        let (lo, hi) = (Float(low.isFinite ? low : 0), Float(high.isFinite ? high : 0))
        self.low = lo
        self.high = max(hi, lo)
        inverseSpan = hi > lo ? 1 / (hi - lo) : 0
    }

    /// A range centred on zero that holds `stats`' largest magnitude, for diverging maps.
    static func symmetric(_ stats: ActivationStats) -> ValueScale {
        let magnitude = max(abs(stats.min.isFinite ? stats.min : 0), abs(stats.max.isFinite ? stats.max : 0))
        return ValueScale(low: -magnitude, high: magnitude)
    }

    /// Position of `value` in [0, 1], clamped; nil for NaN and ±infinity.
    @inline(__always)
    public func fraction(_ value: Float) -> Float? {
        guard value.isFinite else { return nil }
        return min(max((value - low) * inverseSpan, 0), 1)
    }

    /// `levels` buckets: the bucket of `value` in 0..<levels; nil for non-finite values.
    @inline(__always)
    public func level(_ value: Float, levels: Int) -> Int? {
        guard let f = fraction(value) else { return nil }
        return min(Int(f * Float(levels)), levels - 1)
    }
}
