#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Reading what a descriptor yields (a pipe, a device, a small file) into memory, with a limit,
/// so that an endless or huge stream fails instead of filling memory. Labels files and images
/// that cannot be mapped are read this way.
enum StreamReading {
    /// A failed `read`, with its `errno`.
    struct Failure: Error {
        let code: Int32
    }

    /// The bytes of `descriptor` up to its end, or nil when it holds more than `limit` bytes
    /// (reading stops one byte past the limit). Interrupted reads are retried. `check` sees the
    /// bytes read so far after each read and may throw to stop early (say, on a stream that is
    /// not the expected format).
    /// - Throws: `Failure` for a failed read, or what `check` throws.
    static func read(_ descriptor: Int32, limit: Int,
                     check: (UnsafeRawBufferPointer) throws -> Void = { _ in }) throws -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes {
                systemRead(descriptor, $0.baseAddress, min($0.count, limit + 1 - bytes.count))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(code: errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            try bytes.withUnsafeBytes(check)
        }
        return nil
    }
}
