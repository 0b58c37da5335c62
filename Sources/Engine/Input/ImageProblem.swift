#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileError {
    /// An image file that cannot be used.
    public init(image file: String, _ problem: ImageProblem) {
        self.init(.image, file: file, problem.description)
    }
}

/// What is wrong with an image file. Text quoted from the file (a magic number, a header field) is
/// shown escaped and shortened, so a binary file never puts control characters or a megabyte of
/// junk on the user's terminal.
public enum ImageProblem: Equatable, Sendable, CustomStringConvertible {
    // The file system.
    case noSuchFile
    case isDirectory
    case permissionDenied
    /// Any other failure of `open`/`read`/`mmap`, with the system's words for it.
    case unreadable(String)
    case empty
    /// A stream (pipe, device) longer than any acceptable image.
    case tooLarge(limit: Int)

    // The header.
    /// The first bytes are those of no format read (Netpbm, JPEG, PNG).
    case unknownFormat(startsWith: String)
    /// The first bytes are not `P` and a digit.
    case notNetpbm(startsWith: String)
    /// `P` and a digit, but not `P1`...`P7`.
    case badMagic(String)
    case headerEnds(before: String)
    case notANumber(field: String, text: String)
    case notPositive(field: String, text: String)
    case exceedsLimit(field: String, text: String, limit: Int)
    case maxValueOutOfRange(text: String)
    case unknownPAMKeyword(String)
    case missingPAMField(String)
    case unsupportedTupleType(String, depth: Int)
    case tupleTypeNeeds(String, field: String, expected: Int, found: Int)

    // The pixel data.
    case truncatedRaster(expected: Int, found: Int, unit: String)
    case sampleNotANumber(text: String, row: Int, column: Int)
    case sampleNotABit(text: String, row: Int, column: Int)
    case sampleAboveMaxValue(value: Int, maxValue: Int, row: Int, column: Int)

    // JPEG and PNG.
    /// libjpeg's or libpng's own words for a file it cannot decode (`format`: "JPEG", "PNG").
    case decoderFailed(format: String, message: String)
    /// An image whose decoder would hold more than `limit` bytes besides the samples (`what`:
    /// "a progressive JPEG's coefficients").
    case decoderMemory(what: String, bytes: Int, limit: Int)
    case paletteIndexOutOfRange(index: Int, entries: Int, row: Int, column: Int)

    public var description: String {
        switch self {
        case .noSuchFile: "no such file"
        case .isDirectory: "is a directory"
        case .permissionDenied: "permission denied"
        case .unreadable(let why): "cannot read (\(why))"
        case .empty: "file is empty"
        case .tooLarge(let limit): "larger than the limit of \(limit) bytes"
        case .unknownFormat(let start): "not a Netpbm, JPEG or PNG file (starts with \"\(start)\")"
        case .notNetpbm(let start): "not a Netpbm file (starts with \"\(start)\")"
        case .badMagic(let magic): "bad magic \"\(magic)\""
        case .headerEnds(let field): "header ends before the \(field)"
        case .notANumber(let field, let text): "header field \"\(field)\" is not a number (\"\(text)\")"
        case .notPositive(let field, let text): "\(field) \(text) is not positive"
        case .exceedsLimit(let field, let text, let limit):
            "\(field) \(text) exceeds the limit of \(limit)"
        case .maxValueOutOfRange(let text): "maxval \(text) is outside 1...65535"
        case .unknownPAMKeyword(let word): "unknown PAM header keyword \"\(word)\""
        case .missingPAMField(let field): "PAM header has no \(field)"
        case .unsupportedTupleType("", let depth):
            "PAM depth \(depth) without a TUPLTYPE is not supported"
        case .unsupportedTupleType(let type, let depth):
            "unsupported PAM tuple type \"\(type)\" with depth \(depth)"
        case .tupleTypeNeeds(let type, let field, let expected, let found):
            "PAM tuple type \(type) needs \(field) \(expected), found \(found)"
        case .truncatedRaster(let expected, let found, let unit):
            "truncated pixel data: expected \(expected) \(unit), found \(found)"
        case .sampleNotANumber(let text, let row, let column):
            "sample at row \(row), column \(column) is not a number (\"\(text)\")"
        case .sampleNotABit(let text, let row, let column):
            "sample at row \(row), column \(column) is not 0 or 1 (\"\(text)\")"
        case .sampleAboveMaxValue(let value, let maxValue, let row, let column):
            "sample \(value) at row \(row), column \(column) exceeds maxval \(maxValue)"
        case .decoderFailed(let format, let message): "\(format) decoder: \(message)"
        case .decoderMemory(let what, let bytes, let limit):
            "\(what) take \(megabytes(bytes)) MB, over the decoder's limit of \(megabytes(limit)) MB"
        case .paletteIndexOutOfRange(let index, let entries, let row, let column):
            "palette index \(index) at row \(row), column \(column) is outside the palette's \(entries) entries"
        }
    }

    /// The problem an `open`, `stat` or `read` failure with `errno` means to a user.
    public init(errno code: Int32) {
        switch code {
        case ENOENT, ENOTDIR: self = .noSuchFile
        case EISDIR: self = .isDirectory
        case EACCES, EPERM: self = .permissionDenied
        default: self = .unreadable(String(cString: strerror(code)))
        }
    }
}

/// Bytes in whole megabytes (2^20), rounded up, for messages.
private func megabytes(_ bytes: Int) -> Int {
    (bytes + (1 << 20) - 1) >> 20
}

/// `bytes` as text fit for a one-line message: printable ASCII kept, anything else as `\xNN`,
/// at most `limit` bytes shown, the rest as `...`.
func quoted<C: Collection>(_ bytes: C, limit: Int = 16) -> String where C.Element == UInt8 {
    var text = ""
    for byte in bytes.prefix(limit) {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): text += "\\" + String(UnicodeScalar(byte))
        case 0x20...0x7e: text.unicodeScalars.append(UnicodeScalar(byte))
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            text += "\\x" + (hex.count == 1 ? "0" + hex : hex)
        }
    }
    return bytes.count > limit ? text + "..." : text
}
