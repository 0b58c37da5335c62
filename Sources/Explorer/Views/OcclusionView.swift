import Engine
import Profiling

/// Occlusion sensitivity: a progress bar while it runs, then the input next to a map of how much
/// the top class's probability falls when a grey square hides each region.
struct OcclusionView {
    let frame: Frame
    let progress: OcclusionJob.Progress

    func draw(into buffer: inout ScreenBuffer, in area: Rect) {
        let theme = frame.theme
        let input = frame.run.input
        let (patch, stride) = Occlusion.defaultPatch(for: input.shape)
        buffer.write(Format.fit(["occlusion: a grey \(patch)x\(patch) square moved by \(stride) px over the input",
                                 "occlusion: a grey \(patch)x\(patch) square, \(stride) px steps",
                                 "occlusion \(patch)x\(patch), step \(stride)"], to: area.width, ellipsis: theme.ellipsis),
                     in: area, row: 0, style: theme.title)
        if progress.running {
            drawProgress(into: &buffer, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: 1))
            return
        }
        guard let map = progress.result else {
            buffer.write("not computed (cancelled): o starts again", in: area, row: 2, style: theme.dim)
            return
        }
        // With no probability for any class there is no top class whose fall could be shown.
        guard map.baseline.isFinite else {
            buffer.write("no prediction: \(RunReport.noPredictionReason)", in: area, row: 2, style: theme.error)
            return
        }
        let label = map.classIndex < frame.context.labels.count ? frame.context.labels[map.classIndex] : "class \(map.classIndex)"
        let top = "top class \(label), p = \(Format.value(Double(map.baseline)))"
        buffer.write(Format.fit([top + " unhidden; shown: how much p falls with each region hidden",
                                 top + "; shown: fall of p per region hidden", top], to: area.width, ellipsis: theme.ellipsis),
                     in: area, row: 1)
        let drops = Tensor(shape: Shape(map.rows, map.columns, 1), values: map.drops)
        let stats = ActivationStats(drops)
        let scale = ValueScale.symmetric(stats)
        let body = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 3)
        // The image and the map side by side when both fit at a useful size, else the map alone.
        let half = (body.width - 2) / 2
        let mapArea: Rect
        if half >= 16 {
            let imageArea = Rect(x: body.x, y: body.y, width: half, height: body.height)
            let size = HeatMapRenderer.size(sourceWidth: input.shape[1], sourceHeight: input.shape[0], in: imageArea)
            let mapping = ImageRenderer.byteMapping(for: frame.context.inputNormalization, image: input)
            ImageRenderer(theme: theme).draw(input, mapping: mapping, into: &buffer,
                                             in: Rect(x: imageArea.x, y: imageArea.y, width: size.columns, height: size.rows))
            mapArea = Rect(x: body.x + half + 2, y: body.y, width: half, height: body.height)
        } else {
            mapArea = body
        }
        let renderer = HeatMapRenderer.diverging(theme: theme)
        renderer.draw(Plane(channel: 0, of: drops), scale: scale, into: &buffer, in: mapArea)
        let barRow = Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1)
        let x = buffer.write("p falls (red) / rises (blue)  ", in: barRow, row: 0, style: theme.dim)
        renderer.drawColorBar(scale: scale, into: &buffer, in: Rect(x: x, y: barRow.y, width: min(barRow.maxX - x, 48), height: 1))
    }

    /// `running 12/49 ▕████▌      ▏ o cancels`
    private func drawProgress(into buffer: inout ScreenBuffer, in row: Rect) {
        let theme = frame.theme
        let text = "forward pass \(progress.done) of \(progress.total) "
        var x = buffer.write(text, in: row, row: 0, style: theme.warning)
        let width = max(min(row.maxX - x - 12, 40), 4)
        let fraction = progress.total > 0 ? Double(progress.done) / Double(progress.total) : 0
        let eighths = Int(fraction * Double(width * 8))
        for i in 0..<width {
            let filled = min(max(eighths - i * 8, 0), 8)
            buffer[x + i, row.y] = Cell(filled > 0 ? theme.horizontalEighths[filled] : (theme.mode.usesColor ? "·" : "."),
                                        foreground: theme.accent.foreground)
        }
        x += width
        buffer.write("  o cancels", x: x, y: row.y, foreground: theme.dim.foreground, attributes: theme.dim.attributes)
    }
}
