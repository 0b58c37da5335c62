/// A file the user named that cannot be used, told in one line: `<file>: <reason>`.
///
/// `weights.safetensors: tensor w6 has shape [18816, 4095], expected [18816, 4096]`
///
/// One type for images, weights and labels, so that a front end reports them all the same way;
/// `kind` says which the file was meant to be (the same failure is worded for its kind: an image
/// "is a directory", a labels file "is a directory, not a labels file").
public struct FileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What the file was opened as.
    public enum Kind: Sendable, Equatable {
        /// An image (`ImageReader`: Netpbm, JPEG, PNG); reasons come from `ImageProblem`.
        case image
        /// A `.safetensors` weights file (`SafeTensorsFile`).
        case weights
        /// A class-names file (`LabelsFile`).
        case labels
    }

    public let kind: Kind
    /// The path as the user gave it.
    public let file: String
    /// What is wrong, in words for the user, without the file name.
    public let reason: String

    public init(_ kind: Kind, file: String, _ reason: String) {
        self.kind = kind
        self.file = file
        self.reason = reason
    }

    /// A weights file that cannot be used.
    public init(weights file: String, _ reason: String) {
        self.init(.weights, file: file, reason)
    }

    /// A labels file that cannot be used.
    public init(labels file: String, _ reason: String) {
        self.init(.labels, file: file, reason)
    }

    public var description: String { "\(file): \(reason)" }
}
