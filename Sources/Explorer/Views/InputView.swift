/// The preprocessed input, with the normalisation undone for display.
struct InputView {
    let frame: Frame

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme, input = frame.run.input
        let how = switch frame.context.inputNormalization {
        case .meanStd: "normalisation undone"
        case .autoRange: "each channel stretched to its range"
        }
        buffer.write("input \(input.shape)\(theme.separator)\(how)", in: area, row: 0, style: theme.dim)
        let imageArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard input.shape.isFeatureMap, input.shape[2] == 3 else { return }
        let size = HeatMapRenderer.size(sourceWidth: input.shape[1], sourceHeight: input.shape[0], in: imageArea)
        let placed = Rect(x: imageArea.x + (imageArea.width - size.columns) / 2, y: imageArea.y,
                          width: size.columns, height: size.rows)
        let mapping = ImageRenderer.byteMapping(for: frame.context.inputNormalization, image: input)
        ImageRenderer(theme: theme).draw(input, mapping: mapping, into: &buffer, in: placed)
    }
}
