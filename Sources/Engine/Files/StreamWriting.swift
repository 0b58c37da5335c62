#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writing a whole buffer to a descriptor (a file, a pipe, standard output): `write` may take
/// only part of it, or be interrupted by a signal before taking any.
public enum StreamWriting {
    /// A failed `write`, with its `errno`.
    public struct Failure: Error {
        public let code: Int32
        /// The system's words for it: `No space left on device`.
        public var reason: String { String(cString: strerror(code)) }
    }

    /// Writes all of `bytes`, retrying partial and interrupted writes.
    /// - Throws: `Failure` for a failed write (a full disk, a closed pipe when SIGPIPE is ignored).
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(code: errno)
            }
            // A write that takes nothing and reports no error would loop forever.
            guard written > 0 else { throw Failure(code: EIO) }
            done += written
        }
    }
}
