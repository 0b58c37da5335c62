import Dispatch
import Engine

/// Runs a second input (B) through the worker's network beside the first (A), on its own queue:
/// B's layers follow A's as A computes them, each with its statistics and its similarity to A.
///
/// B's run is allocated once per network (again only after `G` redraws the weights); choosing
/// another comparison writes the new input into it and computes again. It has its own scratch
/// workspace, so it can compute while A's worker does.
///
/// `@unchecked Sendable`: `second` is only touched on the queue (and created before it is
/// handed to it); what the UI reads goes through `state`.
final class ComparisonJob: BackgroundJob, @unchecked Sendable {
    /// What the screen reads.
    struct Published: Sendable {
        /// What B is; nil while nothing is compared.
        var input: ComparisonInput?
        /// B's run, once a comparison was asked for on the current network.
        var second: ForwardRun?
        /// The run B was made beside: another one (after `G`) needs a new B.
        var beside: ObjectIdentifier?
        /// B's layers `0..<computedCount` are computed (and `statistics`, `similarity` set).
        var computedCount = 0
        var statistics: [LayerStatistics?] = []
        /// A against B, layer by layer.
        var similarity: [ActivationComparison?] = []
        var changeCount = 0
    }

    private let state = Locked(Published())
    /// Bumped by every new choice: work for an older one is dropped.
    private let generation = Locked(0)
    private let queue = DispatchQueue(label: "alexnet-tui.comparison", qos: .userInitiated)

    var published: Published { state.withLock { $0 } }
    var changeCount: Int { state.withLock { $0.changeCount } }

    /// Compares `first` with `input`, whose network input is `tensor`; nil turns comparison off.
    /// B computes nothing until `follow` says which layers A has.
    func show(_ input: ComparisonInput?, tensor: Tensor?, beside first: ForwardRun) {
        let current = generation.withLock { $0 += 1; return $0 }
        let existing = state.withLock { $0.beside == ObjectIdentifier(first) ? $0.second : nil }
        let second: ForwardRun?
        if let tensor, input != nil {
            second = existing ?? ForwardRun(network: first.network, input: Tensor(zeros: first.network.inputShape))
            let run = second!
            // The new input is written on the queue, once B's work for the old one has stopped.
            queue.async { [generation] in
                guard generation.withLock({ $0 }) == current else { return }
                run.input.data.update(from: tensor.data, count: tensor.count)
                run.restart()
            }
        } else {
            second = existing
        }
        let count = first.network.nodes.count
        state.withLock { published in
            published.input = input
            published.second = second
            published.beside = second == nil ? nil : ObjectIdentifier(first)
            published.computedCount = 0
            published.statistics = Array(repeating: nil, count: count)
            published.similarity = Array(repeating: nil, count: count)
            published.changeCount += 1
        }
    }

    /// A (`first`) has layers `0...index` readable: B catches up with them, reading A's outputs
    /// for the similarity, so those must stay as they are until this job is idle (the app waits
    /// for it before a timing re-run rewrites them).
    func follow(_ first: ForwardRun, through index: Int) {
        let (second, computed) = state.withLock { ($0.input == nil ? nil : $0.second, $0.computedCount) }
        guard let second, index >= computed else { return }
        let current = generation.withLock { $0 }
        let logits = LayerWorker.logitsLayer(of: first.network)
        queue.async { [state, generation] in
            while true {
                guard generation.withLock({ $0 }) == current else { return }
                let next = second.computedCount
                guard next <= index, next < second.network.nodes.count else { return }
                second.compute(through: next)
                let statistics = LayerStatistics(output: second.outputs[next], isLogits: next == logits)
                let similarity = ActivationComparison(first.outputs[next], second.outputs[next])
                state.withLock { published in
                    guard generation.withLock({ $0 }) == current else { return }
                    published.computedCount = next + 1
                    published.statistics[next] = statistics
                    published.similarity[next] = similarity
                    published.changeCount += 1
                }
            }
        }
    }

    /// Lets B's run (and with it the network's weights) go, for `G`: the comparison stays
    /// chosen and starts again on the new run through `show`.
    func release() {
        generation.withLock { $0 += 1 }
        state.withLock { published in
            published.second = nil
            published.beside = nil
            published.computedCount = 0
            published.changeCount += 1
        }
    }

    func waitUntilIdle() { queue.sync {} }
}
