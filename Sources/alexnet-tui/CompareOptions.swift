import ArgumentParser
import Engine

/// `--compare WHAT`: a second input run beside the first.
struct CompareOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A second input run through the same weights beside the first: another image FILE, or the first image's 224x224 input changed by shift:DX,DY (pixels right and down, the uncovered edge repeated), flip (left to right), noise:SIGMA (Gaussian noise of standard deviation SIGMA from 0 to 1, the pixel range, not clipped, drawn from --seed) or occlude:X,Y,SIZE (a mid-grey square). The explorer shows A, B and A-B (d cycles the comparison); --report adds each layer's cosine similarity and relative L2 distance (json, csv, table) and B's top classes (json, table).",
                               valueName: "what"))
    var compare: String?

    func validate() throws {
        _ = try comparison
    }

    /// The parsed value; a malformed one is a usage error naming it.
    var comparison: ComparisonInput? {
        get throws {
            guard let compare else { return nil }
            do {
                return try ComparisonInput(parsing: compare)
            } catch {
                throw ValidationError("--compare \(error)")
            }
        }
    }
}
