/// The second input a run is compared with (`--compare WHAT`): another image file, or a
/// transform of the first image's preprocessed input.
public enum ComparisonInput: Sendable, Equatable, Hashable {
    /// An image file (JPEG, PNG or Netpbm), preprocessed as the first.
    case image(path: String)
    case transform(InputTransform)

    /// What `--compare` accepts, for usage lines.
    public static let syntax = "FILE, shift:DX,DY, flip, noise:SIGMA or occlude:X,Y,SIZE"

    /// Reads `text`: `flip`, `shift:DX,DY`, `noise:SIGMA`, `occlude:X,Y,SIZE`, otherwise an image
    /// path. A transform's name with a malformed value is an error, not a path (write `./flip` for
    /// a file of that name). Pixel positions are of the `side` x `side` input.
    public init(parsing text: String, side: Int = Preprocessing.side) throws(ComparisonSyntaxError) {
        let name = text.prefix { $0 != ":" }
        let value = text.dropFirst(name.count + 1)
        let hasValue = text.contains(":")
        func fail(_ why: String) -> ComparisonSyntaxError { ComparisonSyntaxError(text: text, reason: why) }
        func integers(_ count: Int, _ form: String) throws(ComparisonSyntaxError) -> [Int] {
            let parts = value.split(separator: ",", omittingEmptySubsequences: false)
            let numbers = parts.compactMap { Int($0) }
            guard hasValue, parts.count == count, numbers.count == count else { throw fail("expected \(form)") }
            return numbers
        }
        switch name {
        case "flip":
            guard !hasValue else { throw fail("flip takes no value") }
            self = .transform(.flip)
        case "shift":
            let d = try integers(2, "shift:DX,DY with whole pixels, e.g. shift:4,0")
            guard d.allSatisfy({ abs($0) < side }) else { throw fail("DX and DY must be between -\(side - 1) and \(side - 1)") }
            self = .transform(.shift(dx: d[0], dy: d[1]))
        case "noise":
            // A number too large for a Float reads as infinity: out of range, not malformed.
            guard hasValue, let sigma = Float(value), !sigma.isNaN else {
                throw fail("expected noise:SIGMA, a standard deviation from 0 to 1 (the pixel range), e.g. noise:0.1")
            }
            // At 1, the whole pixel range, the picture is already lost in the noise: a larger
            // sigma would compare the model's answer to noise alone.
            guard (0...1).contains(sigma) else { throw fail("SIGMA must be between 0 and 1") }
            self = .transform(.noise(sigma: sigma))
        case "occlude":
            let o = try integers(3, "occlude:X,Y,SIZE with whole pixels, e.g. occlude:88,88,48")
            guard (0..<side).contains(o[0]), (0..<side).contains(o[1]) else {
                throw fail("X and Y must be between 0 and \(side - 1)")
            }
            guard o[2] >= 1 else { throw fail("SIZE must be at least 1") }
            self = .transform(.occlude(x: o[0], y: o[1], size: o[2]))
        default:
            guard !text.isEmpty else { throw fail("expected \(Self.syntax)") }
            self = .image(path: text)
        }
    }

    /// As written on the command line.
    public var argument: String {
        switch self {
        case .image(let path): path
        case .transform(let transform): transform.argument
        }
    }
}

/// A `--compare` value that cannot be read: `shift:x: expected shift:DX,DY …`.
public struct ComparisonSyntaxError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The value as given.
    public let text: String
    public let reason: String
    public var description: String { "\(text): \(reason)" }
}
