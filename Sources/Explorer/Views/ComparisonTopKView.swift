import Engine

/// The classifier's most probable classes for A and for B, side by side (one above the other
/// when the area is narrow).
struct ComparisonTopKView {
    let frame: Frame

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        guard let comparison = frame.comparison, let a = frame.statistics(frame.layer),
              let b = comparison.statistics(frame.layer) else {
            frame.drawComparisonPending(into: &buffer, in: area)
            return
        }
        let view = TopKView(frame: frame)
        let (first, second): (Rect, Rect)
        if area.width >= 80 {
            let half = (area.width - 2) / 2
            (first, second) = (Rect(x: area.x, y: area.y, width: half, height: area.height),
                               Rect(x: area.x + half + 2, y: area.y, width: area.width - half - 2, height: area.height))
        } else {
            let half = area.height / 2
            (first, second) = (Rect(x: area.x, y: area.y, width: area.width, height: half),
                               Rect(x: area.x, y: area.y + half, width: area.width, height: area.height - half))
        }
        view.draw(a, title: "A", into: &buffer, in: first)
        view.draw(b, title: comparison.title, into: &buffer, in: second)
    }
}
