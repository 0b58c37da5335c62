import Engine

/// Carrying out the effects the action function asks for.
extension ExplorerApp {
    func run(_ effect: Effect) {
        switch effect {
        case .compute(let layer): worker.request(through: layer)
        case .rerunTiming: worker.profileAll(repeats: Self.timingRepeats)
        case .startOcclusion: occlusion.start(on: worker.run, normalization: context.inputNormalization)
        case .cancelOcclusion: occlusion.cancel()
        case .redrawWeights: redrawWeights()
        case .exportTensor: state.message = Exporter(directory: exportDirectory).tensor(frame)
        case .exportPicture: state.message = Exporter(directory: exportDirectory).picture(frame)
        }
    }

    /// Redraws the weights under the next scheme holding one model's weights at a time: the
    /// worker is swapped for one on the network's outline at once; in the background, the work
    /// still using the old weights (the layer being computed, occlusion, values before the
    /// activation) is stopped or waited for, which lets the old run go, and only then are the new
    /// weights drawn. `tick()` adopts the new run.
    private func redrawWeights() {
        guard weights.rebuild != nil, let outline = try? network.outline() else { return }
        let published = worker.published
        let stds = network.nodes.indices.map { $0 < published.readableCount ? published.statistics[$0]?.overall.std : nil }
        // The UI's own references to the old run go now; the retiring worker is the last one.
        let retiring = Locked<LayerWorker?>(worker)
        worker.stop()
        occlusion.cancel()
        replaceWorker(with: ForwardRun(network: outline, input: worker.run.input))
        weights.start(stds: stds, through: max(published.computedCount - 1, state.layer)) { [occlusion, preActivation] in
            retiring.withLock { $0 }?.waitUntilIdle()
            retiring.withLock { $0 = nil }
            occlusion.waitUntilIdle()
            occlusion.clear()
            preActivation.waitUntilIdle()
        }
    }
}
