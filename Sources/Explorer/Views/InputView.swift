/// The preprocessed input, with the normalisation undone for display.
struct InputView {
    let frame: Frame

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme, input = frame.run.input
        let how = switch frame.context.inputNormalization {
        case .meanStd: "normalisation undone"
        case .autoRange: "each channel stretched to its range"
        }
        let field = frame.cursor.flatMap { cell in
            frame.receptiveFields.indices.contains(frame.layer) ? frame.receptiveFields[frame.layer].map { ($0, cell) } : nil
        }
        if let (field, cell) = field {
            let where_ = "\(frame.node.layer.name) y \(cell.y) x \(cell.x) "
            buffer.write(where_ + ReceptiveFieldText.describe(field, cell: cell, theme: theme, width: area.width - where_.count),
                         in: area, row: 0, style: theme.highlight)
        } else {
            buffer.write("input \(input.shape)\(theme.separator)\(how)", in: area, row: 0, style: theme.dim)
        }
        let imageArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard input.shape.isFeatureMap, input.shape[2] == 3 else { return }
        let size = HeatMapRenderer.size(sourceWidth: input.shape[1], sourceHeight: input.shape[0], in: imageArea)
        let placed = Rect(x: imageArea.x + (imageArea.width - size.columns) / 2, y: imageArea.y,
                          width: size.columns, height: size.rows)
        let mapping = ImageRenderer.byteMapping(for: frame.context.inputNormalization, image: input)
        ImageRenderer(theme: theme).draw(input, mapping: mapping, into: &buffer, in: placed)
        if let (field, cell) = field {
            drawBox(field.region(row: cell.y, column: cell.x), imageWidth: input.shape[1], imageHeight: input.shape[0],
                    in: placed, into: &buffer)
        }
    }

    /// Outlines input pixels `region` (clipped to the image) on the picture drawn in `placed`.
    private func drawBox(_ region: (top: Int, left: Int, height: Int, width: Int), imageWidth: Int, imageHeight: Int,
                         in placed: Rect, into buffer: inout ScreenBuffer) {
        let fit = AspectFit(sourceWidth: imageWidth, sourceHeight: imageHeight,
                            maxWidth: placed.width, maxHeight: placed.height * 2)
        let top = max(region.top, 0), bottom = min(region.top + region.height, imageHeight) - 1
        let left = max(region.left, 0), right = min(region.left + region.width, imageWidth) - 1
        guard fit.width > 0, top <= bottom, left <= right else { return }
        let x0 = placed.x + AspectFit.targets(of: left, from: imageWidth, onto: fit.width).lowerBound
        let x1 = placed.x + AspectFit.targets(of: right, from: imageWidth, onto: fit.width).upperBound - 1
        let y0 = placed.y + AspectFit.targets(of: top, from: imageHeight, onto: fit.height).lowerBound / 2
        let y1 = placed.y + (AspectFit.targets(of: bottom, from: imageHeight, onto: fit.height).upperBound - 1) / 2
        let unicode = frame.theme.mode.usesColor
        func mark(_ x: Int, _ y: Int, _ character: Character) {
            var cell = buffer[x, y]
            cell.character = character
            if unicode {
                cell.foreground = .role(.highlight)
            } else {
                cell.attributes = [.bold]
            }
            buffer[x, y] = cell
        }
        for x in x0...x1 {
            mark(x, y0, unicode ? "▀" : "-")
            mark(x, y1, unicode ? "▄" : "-")
        }
        for y in y0...y1 {
            mark(x0, y, unicode ? "▌" : "|")
            mark(x1, y, unicode ? "▐" : "|")
        }
        for (x, y) in [(x0, y0), (x1, y0), (x0, y1), (x1, y1)] { mark(x, y, unicode ? "█" : "+") }
    }
}
