import Testing
import Engine

/// The largest relative error of `actual` against `expected`, where each element's error is
/// divided by the larger of its expected magnitude and the RMS of all expected values: elements
/// far smaller than the tensor's typical size (sums that cancel) are judged against that size.
public func worstRelativeError<A: Collection<Float>>(_ actual: A, _ expected: [Double])
    -> (error: Double, index: Int)
{
    let rms = (expected.reduce(0) { $0 + $1 * $1 } / Double(max(expected.count, 1))).squareRoot()
    var worst = (error: 0.0, index: 0)
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        let scale = max(abs(e), rms, .leastNormalMagnitude)
        let error = a.isNaN != e.isNaN ? Double.infinity : (a.isNaN ? 0 : abs(Double(a) - e) / scale)
        if error > worst.error || error.isNaN { worst = (error, index) }
    }
    return worst
}

/// Expects `actual` to match `expected` element by element within `relativeTolerance` (see
/// `worstRelativeError`); the failure names the worst element and is reported at the caller.
public func expectClose<A: Collection<Float>>(
    _ actual: A, _ expected: [Double], relativeTolerance: Double,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.count == expected.count else {
        Issue.record("\(comment.map { "\($0): " } ?? "")\(actual.count) values, expected \(expected.count)",
                     sourceLocation: sourceLocation)
        return
    }
    let (error, index) = worstRelativeError(actual, expected)
    if !(error <= relativeTolerance) {
        let value = actual[actual.index(actual.startIndex, offsetBy: index)]
        Issue.record("""
            \(comment.map { "\($0): " } ?? "")element \(index) is \(value), expected \(expected[index]) \
            (relative error \(error) > \(relativeTolerance))
            """, sourceLocation: sourceLocation)
    }
}

/// Expects one value within `relativeTolerance` of `expected`: |actual - expected| / |expected|,
/// or |actual| when expected is 0.
public func expectClose(_ actual: Float, _ expected: Double, relativeTolerance: Double,
                        _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    let error = expected == 0 ? abs(Double(actual)) : abs(Double(actual) - expected) / abs(expected)
    if !(error <= relativeTolerance) && !(actual.isNaN && expected.isNaN) {
        Issue.record("\(comment.map { "\($0): " } ?? "")\(actual), expected \(expected) (relative error \(error) > \(relativeTolerance))",
                     sourceLocation: sourceLocation)
    }
}

/// `expectClose` on a tensor's values; keeps the tensor alive while they are read (a bare
/// `tensor.buffer` does not).
public func expectClose(_ actual: Tensor, _ expected: [Double], relativeTolerance: Double,
                        _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    withExtendedLifetime(actual) {
        expectClose(actual.buffer, expected, relativeTolerance: relativeTolerance, comment,
                    sourceLocation: sourceLocation)
    }
}
