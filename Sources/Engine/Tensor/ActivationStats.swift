/// Summary statistics of a tensor's values, accumulated in double precision.
///
/// Non-finite values (NaN, ±infinity) are counted and left out of the other statistics, so one
/// NaN does not hide the rest of the layer. When no value is finite there is nothing to summarise:
/// `min`, `max`, `mean` and `std` are NaN (printed as `nan`, `null` in JSON), never an invented 0.
public struct ActivationStats: Equatable, Sendable {
    public var count: Int
    /// Of the finite values, as are `max`, `mean` and `std`; NaN when none is finite.
    public var min: Double
    public var max: Double
    public var mean: Double
    /// Population standard deviation.
    public var std: Double
    /// Fraction of all values that are exactly zero.
    public var zeros: Double
    public var nonFinite: Int

    public init(count: Int, min: Double, max: Double, mean: Double, std: Double,
                zeros: Double, nonFinite: Int) {
        self.count = count
        self.min = min
        self.max = max
        self.mean = mean
        self.std = std
        self.zeros = zeros
        self.nonFinite = nonFinite
    }

    public init(_ tensor: Tensor) {
        self.init(UnsafeBufferPointer(tensor.buffer))
    }

    /// Statistics of `values`; a strided view (one channel of `[H, W, C]`) uses `stride`.
    public init(_ values: UnsafeBufferPointer<Float>, stride: Int = 1) {
        var low = Double.infinity, high = -Double.infinity
        var sum = 0.0, finite = 0, zeroCount = 0, nonFinite = 0
        var index = 0
        while index < values.count {
            let value = values[index]
            index += stride
            guard value.isFinite else { nonFinite += 1; continue }
            let v = Double(value)
            if v == 0 { zeroCount += 1 }
            low = Swift.min(low, v)
            high = Swift.max(high, v)
            sum += v
            finite += 1
        }
        let total = finite + nonFinite
        let mean = finite > 0 ? sum / Double(finite) : .nan
        // Second pass for the variance: stable where the mean is large against the spread.
        var squares = 0.0
        index = 0
        while index < values.count {
            let value = values[index]
            index += stride
            if value.isFinite { squares += (Double(value) - mean) * (Double(value) - mean) }
        }
        self.init(count: total,
                  min: finite > 0 ? low : .nan, max: finite > 0 ? high : .nan, mean: mean,
                  std: finite > 0 ? (squares / Double(finite)).squareRoot() : .nan,
                  zeros: total > 0 ? Double(zeroCount) / Double(total) : 0,
                  nonFinite: nonFinite)
    }
}
