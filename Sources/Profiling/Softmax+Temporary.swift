// TEMPORARY until helper `ops` lands `softmax` in Engine; delete then.
func softmax(_ logits: UnsafeBufferPointer<Float>) -> [Float] {
    let high = logits.max() ?? 0
    let exps = logits.map { Double(($0 - high)).exp() }
    let sum = exps.reduce(0, +)
    return exps.map { Float($0 / sum) }
}
extension Double { func exp() -> Double { Foundation.exp(self) } }
import Foundation
