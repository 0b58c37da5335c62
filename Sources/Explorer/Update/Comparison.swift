/// Choosing the second input compared with the first.
extension Update {
    /// The next comparison choice, after the last none, after none the first.
    mutating func cycleComparison() -> KeyResult {
        let choices = situation.comparisonChoices
        guard !choices.isEmpty else { return .ignored }
        let next: Int? = switch state.comparison {
        case nil: 0
        case let index? where index + 1 < choices.count: index + 1
        default: nil
        }
        state.comparison = next
        effects.append(.compare(next))
        state.message = next.map { "comparing with \(choices[$0].argument)" } ?? "comparison off"
        return .handled
    }
}
