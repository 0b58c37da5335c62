import Dispatch
import Engine

/// Computes a layer's values before its activation on its own queue (up to ~0.1 s for seed's
/// conv2), one layer of one run at a time: asking for another forgets the one before.
///
/// `@unchecked Sendable`: its only stored state is a `Locked` value and a serial queue; the run's
/// outputs it reads belong to computed layers, which the engine does not write again.
final class PreActivationJob: BackgroundJob, @unchecked Sendable {
    /// Which run and layer the values are for.
    private struct Key: Equatable { let run: ObjectIdentifier; let layer: Int }

    private let state = Locked<(key: Key?, values: PreActivationValues?, changes: Int)>((nil, nil, 0))
    private let queue = DispatchQueue(label: "alexnet-tui.pre-activation", qos: .userInitiated)

    var changeCount: Int { state.withLock { $0.changes } }

    /// Whether layer `layer` has values before an activation worth showing: a conv or dense
    /// layer with a non-identity activation.
    static func applies(to layer: any Layer) -> Bool {
        PreActivation.activation(of: layer).map { $0 != .identity } == true
    }

    /// Layer `layer`'s values of `run` when computed; nil while they are computed or not asked for.
    func values(of run: ForwardRun, layer: Int) -> PreActivationValues? {
        let key = Key(run: ObjectIdentifier(run), layer: layer)
        return state.withLock { $0.key == key ? $0.values : nil }
    }

    /// Asks for layer `layer`'s values of `run` (a computed layer) unless already asked for.
    func request(_ run: ForwardRun, layer: Int) {
        let key = Key(run: ObjectIdentifier(run), layer: layer)
        let node = run.network.nodes[layer]
        guard let activation = PreActivation.activation(of: node.layer), activation != .identity,
              state.withLock({ state -> Bool in
                  if state.key == key { return false }
                  state = (key, nil, state.changes)
                  return true
              }) else { return }
        queue.async { [state] in
            let source = node.source.map { run.outputs[$0] } ?? run.input
            let values = (try? PreActivation.compute(node.layer, input: source)).flatMap { tensor in
                tensor.map { PreActivationValues(layer: layer, tensor: $0, output: run.outputs[layer], activation: activation) }
            }
            state.withLock { state in
                guard state.key == key else { return }
                state.values = values
                state.changes += 1
            }
        }
    }

    /// Forgets the values: their run is gone, and a new run may reuse its identity.
    func forget() { state.withLock { $0 = (nil, nil, $0.changes + 1) } }

    func waitUntilIdle() { queue.sync {} }
}
