/// `D`: the seed model's dropout as frameworks run it when predicting (the identity), or as the
/// seed's graph does (it calls `tf.nn.dropout(x, 0.5)` unconditionally).
extension Update {
    /// The messages fit the status line of a 120-column screen whole (at 80 they are cut).
    mutating func switchDropout() {
        guard let seed = situation.dropoutSeed else {
            state.message = "D: only the seed model drops when predicting (alexnet does not, as torchvision's eval())"
            return
        }
        effects.append(.switchDropout)
        effects.append(.compute(through: max(situation.published.computedCount - 1, state.layer)))
        state.message = network.dropoutMode == .inference
            ? "dropout original: drop6, drop7 zero half, double the rest, as the seed's graph (mask seed \(seed))"
            : "dropout inference: drop6 and drop7 pass their inputs through, as frameworks predict"
    }
}
