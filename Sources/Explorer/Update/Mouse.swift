/// Clicks and the wheel, each doing what a key does, on what the last screen drew there.
extension Update {
    mutating func click(_ event: MouseEvent) -> KeyResult {
        switch event.button {
        case .wheelUp: return perform(.previousChannel)     // ↑ k
        case .wheelDown: return perform(.nextChannel)       // ↓ j
        case .left: break
        case .middle, .right: return .ignored
        }
        guard let (target, cell) = situation.hits.target(x: event.x, y: event.y) else { return .ignored }
        switch target {
        case .layer(let index):
            // → ← to that layer.
            return index == state.layer ? .ignored : select(layer: index)
        case .channel(let channel):
            // ↓ ↑ to the thumbnail, then Enter.
            state.channel = channel
            show(.map)
            return .handled
        case .map:
            // x, then the arrows to the cell.
            guard let cell else { return .ignored }
            state.cursor = cell
            return .handled
        }
    }
}
