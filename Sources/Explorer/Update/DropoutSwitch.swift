/// `D`: the seed model's dropout as frameworks run it when predicting (the identity), or as the
/// seed's graph does (it calls `tf.nn.dropout(x, 0.5)` unconditionally).
extension Update {
    mutating func switchDropout() {
        guard let seed = situation.dropoutSeed else {
            state.message = "D: only the seed model drops at prediction time (alexnet predicts with dropout off, as torchvision's eval() does)"
            return
        }
        effects.append(.switchDropout)
        effects.append(.compute(through: max(situation.published.computedCount - 1, state.layer)))
        state.message = network.dropoutMode == .inference
            ? "dropout original: drop6 and drop7 zero half of their inputs and double the rest, as the seed's graph does when it predicts (mask from seed \(seed))"
            : "dropout inference: drop6 and drop7 pass their inputs through unchanged, as frameworks predict"
    }
}
