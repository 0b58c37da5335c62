#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole regular file mapped into memory: listed in `FileMappings` while mapped, unmapped when
/// the last reference is gone.
// Unchecked: all but `dropped` is constant, and `dropped` changes only on the one thread that
// decodes the image and gives its pages back.
final class MappedFile: @unchecked Sendable {
    /// How the file will be read, which decides the protection and the advice to the kernel.
    enum Access {
        /// Weights, borrowed in place by tensors and read front to back on the first forward pass
        /// (`MADV_WILLNEED`). Mapped copy-on-write, so that a stray write to a borrowed tensor can
        /// neither fault nor reach the file.
        case copyOnWrite
        /// An image, decoded once front to back (`MADV_SEQUENTIAL`), read-only.
        case sequentialRead
    }

    /// The failure of `mmap`, with its `errno`.
    struct Failure: Error {
        let code: Int32
    }

    let bytes: UnsafeRawBufferPointer
    private let mapping: FileMappings.Mapping?
    /// Bytes from the start already given back by `dropPages(before:)`.
    private var dropped = 0

    var size: Int { bytes.count }

    /// Maps the first `byteCount` bytes of the open regular file `descriptor` (which may be
    /// closed afterwards); `file` and `kind` name it in `FileMappings`.
    init(descriptor: Int32, byteCount: Int, file: String, kind: FileError.Kind, access: Access) throws(Failure) {
        guard byteCount > 0 else {
            // mmap refuses an empty range; an empty file maps to no bytes.
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            mapping = nil
            return
        }
        let protection = access == .copyOnWrite ? PROT_READ | PROT_WRITE : PROT_READ
        let address = mmap(nil, byteCount, protection, MAP_PRIVATE, descriptor, 0)
        guard let address, address != MAP_FAILED else { throw Failure(code: errno) }
        bytes = UnsafeRawBufferPointer(start: address, count: byteCount)
        let mapping = FileMappings.Mapping(file: file, kind: kind, start: UInt(bitPattern: address),
                                           byteCount: byteCount)
        self.mapping = mapping
        FileMappings.add(mapping)
        _ = madvise(address, byteCount, access == .copyOnWrite ? MADV_WILLNEED : MADV_SEQUENTIAL)
    }

    /// Gives back the memory of the whole pages before `offset`, for a file read once front to
    /// back: the process then holds little more of the file than the part being read. Touched
    /// again, such a page is read anew from the file (the mapping is private and unwritten).
    func dropPages(before offset: Int) {
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = min(offset, size) / pageSize * pageSize
        guard end > dropped, let base = bytes.baseAddress else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base) + dropped, end - dropped, MADV_DONTNEED)
        dropped = end
    }

    deinit {
        guard let mapping, let base = bytes.baseAddress else { return }
        FileMappings.remove(mapping)
        munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
    }
}
