import Foundation
import Explorer

/// The part of `--help` that options cannot say. Lines stay under 80 columns, the width
/// swift-argument-parser wraps at when it cannot ask the terminal.
enum HelpText {
    static let discussion = """
    Without --report, opens a full-screen explorer: each step computes one more \
    layer and shows its output as heat-maps, statistics and timing. With --report, \
    runs every layer and prints a table, JSON or CSV on standard output.

    EXPLORER KEYS
    \(explorerKeys)
    MOUSE
      Where the terminal reports it: a click on a layer selects it, on a grid \
    thumbnail opens it, on a map cell puts the cursor there; the wheel changes \
    channel. Every click has its key; --no-mouse leaves the mouse to the terminal.

    WEIGHTS
      Without --weights the model is randomly initialised from --seed, the way \
    the original initialises it: shapes, arithmetic and timings are real, the \
    predictions are not. Trained weights come from the original frameworks, \
    exported to .safetensors by scripts in the repository (see README.md):
        scripts/export_torchvision_alexnet.py   torchvision's ImageNet AlexNet
        scripts/export_seed_tf.py               the seed model's TF variables
      e.g.  alexnet-tui --weights alexnet.safetensors IMAGE
      The file's tensor names say which model it is for; --model may be left out.

    EXIT STATUS
      0 success, 1 a file, image or weights error, 64 a usage error.
    """

    /// The explorer's key table (the one its `?` overlay shows), grouped by where keys apply.
    static var explorerKeys: String {
        let bindings = KeyMap.standard.bindings
        var lines: [String] = []
        for context in BindingContext.allCases {
            let group = bindings.filter { $0.context == context }
            guard !group.isEmpty else { continue }
            if context != .global { lines.append("  \(context.title):") }
            for binding in group {
                let keys = binding.keys.map { $0.label(unicode: false) }.joined(separator: " ")
                // The overlay calls itself "this help"; here it is another screen.
                let help = binding.action == .toggleHelp ? "key help overlay" : binding.help
                lines.append("  " + keys.padding(toLength: max(keys.count, 18), withPad: " ", startingAt: 0) + help)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
