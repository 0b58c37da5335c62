#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A class-names file (`--labels`): UTF-8 text, one label per line, LF or CRLF line ends; a final
/// line break does not start another label, and a leading byte-order mark is ignored. Line N
/// names class N - 1: a blank line between labels is an empty label (dropping it would shift
/// every class after it), while blank lines (empty, or spaces and tabs) after the last label are
/// ignored, as editors and `echo` leave them.
///
/// The file is read up to `maxBytes`, so that a device or a stray multi-gigabyte file fails at
/// once instead of filling memory; `parse` never traps on any input, which makes it the entry
/// point for a fuzzer.
public enum LabelsFile {
    /// Largest labels file read. ImageNet's 1000 labels take about 20 KB.
    public static let maxBytes = 16 << 20

    /// The labels in the file at `path`.
    public static func read(path: String) throws -> [String] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: throw FileError(labels: path, "no such file")
            case EISDIR: throw FileError(labels: path, "is a directory, not a labels file")
            default: throw FileError(labels: path, "cannot read the labels file")
            }
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FileError(labels: path, "cannot read the labels file") }
        guard status.st_mode & S_IFMT != S_IFDIR else {
            throw FileError(labels: path, "is a directory, not a labels file")
        }
        let read: [UInt8]?
        do {
            read = try StreamReading.read(descriptor, limit: maxBytes)
        } catch {
            throw FileError(labels: path, "cannot read the labels file")
        }
        guard let bytes = read else {
            throw FileError(labels: path, "labels file is larger than the limit of \(maxBytes) bytes")
        }
        return try bytes.withUnsafeBytes { try parse($0, name: path) }
    }

    /// The labels in `bytes`; `name` is the file named in errors.
    public static func parse(_ bytes: UnsafeRawBufferPointer, name: String) throws -> [String] {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var labels: [String] = []
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var textEnd = end
            if textEnd > start, bytes[textEnd - 1] == UInt8(ascii: "\r") { textEnd -= 1 }
            // A line feed never occurs inside a multi-byte UTF-8 sequence, so lines validate alone.
            guard let label = String(validating: bytes[start..<textEnd], as: UTF8.self) else {
                throw FileError(labels: name, "labels file is not UTF-8 text")
            }
            labels.append(label)
            start = end + 1
        }
        while let last = labels.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { labels.removeLast() }
        return labels
    }
}
