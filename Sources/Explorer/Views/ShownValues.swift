import Engine

/// What the main view shows of the current layer: its output, or with the toggle on its values
/// before the activation, with the scale and colours they are drawn in. The one place that
/// decides this, for the map, grid and vector views and for the picture `p` saves.
struct ShownValues {
    let tensor: Tensor
    let statistics: LayerStatistics
    /// Values before the activation: drawn around zero with a diverging colour map.
    let beforeActivation: Bool
    let scaleMode: ScaleMode

    /// Viridis for outputs, diverging around zero before the activation.
    var colorMap: ColorMap { beforeActivation ? .diverging : .viridis }

    /// The characters standing for levels in ASCII mode.
    func ramp(_ theme: Theme) -> [Character] { beforeActivation ? ColorMap.divergingRamp : theme.ramp }

    func renderer(_ theme: Theme) -> HeatMapRenderer {
        HeatMapRenderer(theme: theme, colorMap: colorMap, asciiRamp: ramp(theme))
    }

    /// The scale channel `channel` is drawn with: its own range or the layer's, by the scale mode.
    func scale(channel: Int) -> ValueScale {
        let stats = scaleMode == .perChannel && channel < statistics.channels.count
            ? statistics.channels[channel] : statistics.overall
        return scale(stats)
    }

    /// The scale of the whole layer (the vector strip).
    var layerScale: ValueScale { scale(statistics.overall) }

    private func scale(_ stats: ActivationStats) -> ValueScale {
        beforeActivation ? .symmetric(stats) : ValueScale(low: stats.min, high: stats.max)
    }
}
