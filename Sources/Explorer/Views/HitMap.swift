import Engine

/// What a click on the screen can point at, as the views drew it.
enum HitTarget: Equatable, Sendable {
    /// A row of the layer list.
    case layer(Int)
    /// A grid thumbnail of a channel.
    case channel(Int)
    /// A heat-map of a `width` x `height` map, drawn by `HeatMapRenderer` into `area`: the
    /// click's cell is worked out with the renderer's own fit and pixel mapping.
    case map(width: Int, height: Int, area: Rect)
}

/// The regions the last screen drew that a click can point at; the views that have them return
/// them from `draw`, and `ExplorerScreen` keeps the last screen's.
struct HitMap: Sendable {
    private(set) var regions: [(rect: Rect, target: HitTarget)] = []

    mutating func add(_ rect: Rect, _ target: HitTarget) {
        regions.append((rect, target))
    }

    mutating func add(_ other: HitMap) {
        regions += other.regions
    }

    /// The target under screen cell (`x`, `y`), the last drawn on top; for a map, the map's cell too.
    func target(x: Int, y: Int) -> (target: HitTarget, cell: CellPosition?)? {
        guard let region = regions.last(where: { $0.rect.contains(x: x, y: y) }) else { return nil }
        guard case let .map(width, height, area) = region.target else { return (region.target, nil) }
        let fit = AspectFit(sourceWidth: width, sourceHeight: height, maxWidth: area.width, maxHeight: area.height * 2)
        guard fit.width > 0, fit.height > 0, x - area.x < fit.width else { return nil }
        // The top pixel row of the half-block cell, as `HeatMapRenderer.draw` maps it.
        let column = AspectFit.source(x - area.x, of: fit.width, from: width)
        let row = AspectFit.source(min(2 * (y - area.y), fit.height - 1), of: fit.height, from: height)
        return (region.target, CellPosition(y: row, x: column))
    }
}

extension Rect {
    func contains(x: Int, y: Int) -> Bool {
        x >= self.x && x < maxX && y >= self.y && y < maxY
    }
}
