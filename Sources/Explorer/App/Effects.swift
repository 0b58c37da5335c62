import Engine

/// Carrying out the effects the action function asks for.
extension ExplorerApp {
    func run(_ effect: Effect) {
        switch effect {
        case .compute(let layer): worker.request(through: layer)
        case .rerunTiming:
            // The re-run rewrites A's outputs, which B's queued layers read for their similarity.
            comparison.waitUntilIdle()
            worker.profileAll(repeats: Self.timingRepeats)
        case .startOcclusion: occlusion.start(on: worker.run, normalization: context.inputNormalization)
        case .cancelOcclusion: occlusion.cancel()
        case .redrawWeights: redrawWeights()
        case .exportTensor: state.message = Exporter(directory: exportDirectory).tensor(frame)
        case .exportPicture: state.message = Exporter(directory: exportDirectory).picture(frame)
        case .compare(let index): compare(index)
        case .switchDropout: switchDropout()
        }
    }

    /// B becomes choice `index` (nil: none), beside the worker's run.
    private func compare(_ index: Int?) {
        let input = index.flatMap { comparisonChoices?.inputs[$0] }
        let tensor = index.flatMap { comparisonChoices?.tensor(for: $0, beside: worker.run.input) }
        comparison.show(tensor == nil ? nil : input, tensor: tensor, beside: worker.run)
    }

    /// The same weights and input with the dropout layers run the other way; the layers from
    /// the first dropout on are recomputed (the effect that follows asks for them).
    private func switchDropout() {
        guard let seed = dropoutSeed, let network = try? network.withDropout(dropoutMode.other, seed: seed) else { return }
        dropoutMode = dropoutMode.other
        worker.stop()
        comparison.release()
        replaceWorker(with: ForwardRun(network: network, input: worker.run.input))
        // B follows the new network, so that both inputs see the same dropout layers.
        if let index = state.comparison { compare(index) }
    }

    /// `run` (with redrawn weights) with its dropout layers run as the current ones are.
    func keepingDropoutMode(_ run: ForwardRun) -> ForwardRun {
        guard let seed = dropoutSeed, run.network.dropoutMode != dropoutMode,
              let network = try? run.network.withDropout(dropoutMode, seed: seed) else { return run }
        return ForwardRun(network: network, input: run.input)
    }

    /// Redraws the weights under the next scheme holding one model's weights at a time: the
    /// worker is swapped for one on the network's outline at once; in the background, the work
    /// still using the old weights (the layer being computed, occlusion, values before the
    /// activation) is stopped or waited for, and so are the old weights still being drawn, which
    /// lets the old run go, and only then are the new weights drawn. `tick()` adopts the new run.
    private func redrawWeights() {
        guard weights.rebuild != nil, let outline = try? network.outline() else { return }
        let published = worker.published
        let stds = network.nodes.indices.map { $0 < published.readableCount ? published.statistics[$0]?.overall.std : nil }
        // The UI's own references to the old run go now; the retiring worker is the last one.
        let retiring = Locked<LayerWorker?>(worker)
        worker.stop()
        occlusion.cancel()
        comparison.release()
        replaceWorker(with: ForwardRun(network: outline, input: worker.run.input))
        weights.start(stds: stds, through: max(published.computedCount - 1, state.layer)) { [occlusion, preActivation, comparison] in
            comparison.waitUntilIdle()
            retiring.withLock { $0 }?.waitUntilIdle()
            retiring.withLock { $0 }?.run.network.waitForParameters()
            retiring.withLock { $0 = nil }
            occlusion.waitUntilIdle()
            occlusion.clear()
            preActivation.waitUntilIdle()
        }
    }
}
