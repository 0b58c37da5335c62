import KernelSupport

/// This variant's kernels, for the engine's table (`KernelVariant` picks one at start-up).
/// NOTE: every entry is a closure of this module, compiled for this module's instruction set; the
/// engine reaches them only through the table, so none is inlined into code built for another.
public let kernelTable = KernelTable(
    name: Variant.name, tileRows: GEMM.tileRows, panelWidth: GEMM.panelWidth, vectorFloats: Vector.scalarCount,
    multiply: { a, rows, b, panels, activation, c, ldc, scratch in
        GEMM.multiply(a, rows: rows, by: b, panels: panels, activation: activation, into: c, ldc: ldc, scratch: scratch)
    },
    multiplyFarRows: { a, rows, b, panels, activation, c, ldc, scratch in
        if Variant.packsFarRows {
            GEMM.multiplyPackingRows(a, rows: rows, by: b, panels: panels, activation: activation, into: c, ldc: ldc,
                                     scratch: scratch)
        } else {
            GEMM.multiply(a, rows: rows, by: b, panels: panels, activation: activation, into: c, ldc: ldc, scratch: scratch)
        }
    },
    copyFloats: { source, destination, count in copyFloatsEntry(source, destination, count) },
    activate: { activation, values, count in activation.apply(to: values, count: count) },
    winogradInput: { tiling, tileRow, input, transformed in
        tiling.transformInput(tileRow: tileRow, input, into: transformed)
    },
    winogradOutput: { tiling, tileRow, products, bias, activation, output in
        tiling.transformOutput(tileRow: tileRow, products, bias: bias, activation: activation, into: output)
    },
    addScaled: { source, scale, destination, count in addScaled(source, by: scale, to: destination, count: count) },
    accumulateRows: { w, rows, outputs, x, partial in accumulateRows(w, rows: rows, outputs: outputs, x: x, into: partial) },
    sumPartials: { partials, chunks, outputs, bias, activation, y in
        sumPartials(partials, chunks: chunks, outputs: outputs, bias: bias, activation: activation, into: y)
    },
    dotRows: { w, rows, inputs, x, bias, activation, y in
        dotRows(w, rows: rows, inputs: inputs, x: x, bias: bias, activation: activation, into: y)
    },
    maxPoolRow: { window, row, input, output in maxPoolRow(window, row: row, input, into: output) },
    adaptiveAverage: { input, height, width, channels, outputHeight, outputWidth, output in
        adaptiveAverage(input, height: height, width: width, channels: channels, outputHeight: outputHeight,
                        outputWidth: outputWidth, into: output)
    },
    normalize: { parameters, input, pixels, channels, output, squares in
        parameters.normalize(input, pixels: pixels, channels: channels, into: output, squares: squares)
    },
    randomFill: { draw, blocks, data, count in fillRandom(draw, blocks: blocks, data, count: count) },
    erfinv: { erfinv($0) },
    naturalLog: { naturalLog($0) },
    multiplyAddChains: { start, steps in multiplyAddChains(start, steps: steps) },
    streamSum: { start, count in streamSum(start, count: count) })

/// `copyFloats` for callers in other modules (the inlined version serves this module's loops).
@inline(never)
private func copyFloatsEntry(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ count: Int) {
    copyFloats(from: source, to: destination, count: count)
}
