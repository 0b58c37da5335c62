#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Probabilities from logits, computed stably (the largest logit is subtracted first).
///
/// NaN-safe: a NaN logit's probability is NaN (unknown) and does not poison the others, which
/// share the probability among themselves; +infinity logits share all of it. If no logit is
/// usable (all NaN or -infinity) every probability is NaN: there is no prediction to invent.
public func softmax(_ logits: UnsafeBufferPointer<Float>) -> [Float] {
    let usable = logits.filter { !$0.isNaN }
    guard let largest = usable.max(), largest > -.infinity else {
        return [Float](repeating: .nan, count: logits.count)
    }
    if largest == .infinity {
        let winners = Float(usable.count { $0 == .infinity })
        return logits.map { $0.isNaN ? .nan : $0 == .infinity ? 1 / winners : 0 }
    }
    // Double for the sum: 1000 classes of float exponentials would otherwise lose digits.
    let exponentials = logits.map { $0.isNaN ? 0 : exp(Double($0) - Double(largest)) }
    let total = exponentials.reduce(0, +)
    return zip(logits, exponentials).map { $0.isNaN ? .nan : Float($1 / total) }
}
