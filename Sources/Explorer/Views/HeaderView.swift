/// Top row: the model, its weights, the image, and the kernel variant.
struct HeaderView {
    let frame: Frame

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme, context = frame.context
        var x = buffer.write(" alexnet-tui", in: area, row: 0, style: theme.title)
        let parts = [
            context.modelName,
            context.weightsDescription,
            "\(context.imagePath) \(context.imageWidth)x\(context.imageHeight)",
        ] + (context.kernels.map { ["\($0) kernels"] } ?? [])
        for part in parts {
            x = buffer.write(theme.separator, in: area, column: x - area.x, row: 0, style: theme.border)
            x = buffer.write(part, in: area, column: x - area.x, row: 0, style: theme.text)
        }
    }
}

/// Shown instead of everything else when the window is below the minimum size.
struct TooSmallView {
    let theme: Theme
    let minimumWidth: Int
    let minimumHeight: Int

    func draw(into buffer: inout ScreenBuffer) {
        let screen = Rect(x: 0, y: 0, width: buffer.width, height: buffer.height)
        let need = "(need \(minimumWidth)x\(minimumHeight), have \(buffer.width)x\(buffer.height))"
        let whole = "enlarge the window " + need
        let lines = whole.count <= screen.width ? [whole] : ["enlarge the window", need]
        let top = (screen.height - lines.count) / 2
        for (offset, line) in lines.enumerated() {
            let x = max((screen.width - line.count) / 2, 0)
            buffer.write(line, in: screen, column: x, row: top + offset, style: theme.warning)
        }
    }
}
