import Engine

/// The cell cursor: on and off, moved within a map, and carried between layers by receptive field.
extension Update {
    mutating func toggleCursor() -> KeyResult {
        guard situation.channelCount(of: state.layer) > 0 || state.cursor != nil else { return .ignored }
        state.cursor = state.cursor == nil ? centreCell(of: state.layer) : nil
        state.cursorForArithmetic = false
        return .handled
    }

    func centreCell(of layer: Int) -> CellPosition {
        let shape = network.nodes[layer].outputShape
        return CellPosition(y: shape[0] / 2, x: shape[1] / 2)
    }

    mutating func moveCursor(dy: Int, dx: Int) {
        guard var cell = situation.cursorCell(for: state.layer, in: state) else { return }
        let shape = network.nodes[state.layer].outputShape
        cell.y = min(max(cell.y + dy, 0), shape[0] - 1)
        cell.x = min(max(cell.x + dx, 0), shape[1] - 1)
        state.cursor = cell
    }

    /// The cell of layer `to` whose receptive field is centred nearest the field of `cell` in
    /// layer `from`, so the cursor stays over the same part of the image between layers; a border
    /// cell whose nearest centre lies outside the new map (padding shifts the fields) stays on its edge.
    func carryCursor(_ cell: CellPosition, from: Int, to: Int) -> CellPosition {
        let shape = network.nodes[to].outputShape
        let nearest = nearestCell(cell, from: from, to: to)
        return CellPosition(y: min(max(nearest.y, 0), shape[0] - 1), x: min(max(nearest.x, 0), shape[1] - 1))
    }

    private func nearestCell(_ cell: CellPosition, from: Int, to: Int) -> CellPosition {
        guard let old = situation.receptiveFields[from], let new = situation.receptiveFields[to] else { return cell }
        func carry(_ index: Int, _ start: Int, _ size: Int, _ jump: Int,
                   _ newStart: Int, _ newSize: Int, _ newJump: Int) -> Int {
            let centre = 2 * (start + index * jump) + size - 1   // twice the centre, in pixels
            let offset = centre - (2 * newStart + newSize - 1)
            return Int((Double(offset) / Double(2 * newJump)).rounded())
        }
        return CellPosition(y: carry(cell.y, old.top, old.height, old.jumpY, new.top, new.height, new.jumpY),
                            x: carry(cell.x, old.left, old.width, old.jumpX, new.left, new.width, new.jumpX))
    }
}
