/// The part of `--help` that options cannot say. Lines stay under 80 columns, the width
/// swift-argument-parser wraps at when it cannot ask the terminal.
enum HelpText {
    static let discussion = """
    Without --report, opens a full-screen explorer: each step computes one more \
    layer and shows its output as heat-maps, statistics and timing. With --report, \
    runs every layer and prints a table, JSON or CSV on standard output.

    EXPLORER KEYS
      Right  l  Space   next layer (computed the first time)
      Left   h          previous layer
      Up Down  k j      previous / next channel    PgUp PgDn   10 channels
      Home  End         first / last layer (End computes the rest)
      Tab               next view: map, grid, vector, input, timing
      Enter             open the channel under the cursor (grid view)
      i  input view     t  timing (re-runs the network, shows medians)
      s  scale per channel or per layer    c  colours: true, 256, 16, ASCII
      ?  help           q  Esc  Ctrl-C   quit

    WEIGHTS
      Without --weights the model is randomly initialised from --seed, the way \
    the original initialises it: shapes, arithmetic and timings are real, the \
    predictions are not. Trained weights come from the original frameworks, \
    exported to .safetensors by scripts in the repository (see README.md):
        scripts/export_torchvision_alexnet.py   torchvision's ImageNet AlexNet
        scripts/export_seed_tf.py               the seed model's TF variables
      e.g.  alexnet-tui --model alexnet --weights alexnet.safetensors IMAGE

    EXIT STATUS
      0 success, 1 a file, image or weights error, 64 a usage error.
    """
}
