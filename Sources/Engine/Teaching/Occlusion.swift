/// Occlusion sensitivity (Zeiler & Fergus): how the top class's probability changes when a grey
/// square hides part of the input, for every position of the square on a coarse grid.
public enum Occlusion {
    public struct Map: Sendable, Equatable {
        /// Square positions down and across; `drops` is `[rows, columns]`, row-major.
        public let rows: Int
        public let columns: Int
        /// Side of the square and the step between positions, in input pixels.
        public let patch: Int
        public let stride: Int
        /// The class watched: the most probable one without occlusion.
        public let classIndex: Int
        /// Its probability without occlusion.
        public let baseline: Float
        /// baseline - probability with the square at each position: positive where hiding the
        /// region lowers the class's probability (the region mattered).
        public let drops: [Float]
    }

    /// Start offsets of a square of `patch` sliding by `stride` along `size` pixels, the last
    /// one flush with the far edge so every pixel is covered at least once.
    public static func starts(size: Int, patch: Int, stride: Int) -> [Int] {
        guard patch < size else { return [0] }
        var starts = Array(Swift.stride(from: 0, through: size - patch, by: max(stride, 1)))
        if let last = starts.last, last + patch < size { starts.append(size - patch) }
        return starts
    }

    /// The default square for an `[H, W, C]` input: a quarter of the shorter side, moved by half
    /// its size (7 x 7 positions on 224 x 224).
    public static func defaultPatch(for input: Shape) -> (patch: Int, stride: Int) {
        let patch = max(min(input[0], input[1]) / 4, 1)
        return (patch, max(patch / 2, 1))
    }

    /// Runs the network once per position on its own copy of `input` (so a run being shown is
    /// not touched), filling the square with `fill` (one value per channel). `progress(done,
    /// total)` is called before each run and after the last; returning false cancels (nil).
    public static func sensitivity(network: Network, input: Tensor, fill: [Float], patch: Int, stride: Int,
                                   progress: (Int, Int) -> Bool) -> Map? {
        let shape = input.shape
        guard shape.isFeatureMap, fill.count == shape[2], !network.nodes.isEmpty else { return nil }
        let (height, width, channels) = (shape[0], shape[1], shape[2])
        let working = Tensor(zeros: shape)
        working.data.update(from: input.data, count: input.count)
        let run = ForwardRun(network: network, input: working)
        func probabilities() -> [Float] {
            run.rerun()
            let last = run.outputs[network.nodes.count - 1]
            let values = UnsafeBufferPointer(last.buffer)
            return softmax(values)
        }
        let rowStarts = starts(size: height, patch: patch, stride: stride)
        let columnStarts = starts(size: width, patch: patch, stride: stride)
        let total = rowStarts.count * columnStarts.count
        guard progress(0, total) else { return nil }
        let base = probabilities()
        guard let top = base.indices.max(by: { base[$0] < base[$1] || base[$0].isNaN }) else { return nil }
        var drops: [Float] = []
        drops.reserveCapacity(total)
        for (r, top0) in rowStarts.enumerated() {
            for (c, left0) in columnStarts.enumerated() {
                guard progress(r * columnStarts.count + c, total) else { return nil }
                let rows = top0..<min(top0 + patch, height), columns = left0..<min(left0 + patch, width)
                for y in rows {
                    for x in columns {
                        for channel in 0..<channels { working.data[(y * width + x) * channels + channel] = fill[channel] }
                    }
                }
                drops.append(base[top] - probabilities()[top])
                // Put the pixels back for the next position.
                for y in rows {
                    let offset = (y * width + columns.lowerBound) * channels
                    (working.data + offset).update(from: input.data + offset, count: columns.count * channels)
                }
            }
        }
        _ = progress(total, total)
        return Map(rows: rowStarts.count, columns: columnStarts.count, patch: patch, stride: stride, classIndex: top,
                   baseline: base[top], drops: drops)
    }
}
