/// A weights file that cannot be used: one line naming the file and, where there is one, the tensor.
///
/// `weights.safetensors: tensor w6 has shape [18816, 4095], expected [18816, 4096]`
public struct WeightsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path as the user gave it.
    public let file: String
    public let message: String

    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}

extension Shape {
    /// `[18816, 4096]`, the way frameworks print shapes in their errors.
    var bracketed: String { "[" + dims.map(String.init).joined(separator: ", ") + "]" }
}
