#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of an image file as its reader needs them: a regular file memory-mapped (its pages
/// given back as the decoder tells how far it got), anything else (a pipe, a device) read whole
/// into memory up to a limit.
enum ImageFile {
    /// Longest stream (pipe, device) read: the largest raw Netpbm image (4 samples of 2 bytes per
    /// pixel) plus room for a header. Regular files are memory-mapped and need no such limit.
    static let maxStreamBytes = ImageReader.maxSide * ImageReader.maxSide * 8 + (1 << 20)

    /// Calls `decode` with the bytes of the file at `path` and a function to tell how many bytes
    /// from the start are decoded and not needed again. `checkStart` sees a stream's first bytes
    /// after each read, to fail at once on an endless stream of something else (`/dev/zero`).
    static func withBytes<T>(
        path: String, checkStart: (UnsafeRawBufferPointer) throws -> Void,
        decode: (UnsafeRawBufferPointer, ((Int) -> Void)?) throws -> T
    ) throws -> T {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(image: path, .init(errno: errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FileError(image: path, .init(errno: errno)) }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            throw FileError(image: path, .isDirectory)
        case S_IFREG:
            let size = Int(status.st_size)
            guard size > 0 else { throw FileError(image: path, .empty) }
            let mapping: MappedFile
            do {
                mapping = try MappedFile(descriptor: descriptor, byteCount: size, file: path, kind: .image,
                                         access: .sequentialRead)
            } catch {
                throw FileError(image: path, .init(errno: error.code))
            }
            // Pages of the file are given back once decoded, so that reading the largest image
            // needs little more memory than its samples.
            return try withExtendedLifetime(mapping) { try decode(mapping.bytes, mapping.dropPages(before:)) }
        default:
            let bytes = try readStream(descriptor, name: path, checkStart: checkStart)
            return try bytes.withUnsafeBytes { try decode($0, nil) }
        }
    }

    /// Everything a pipe or device yields, up to `maxStreamBytes`.
    private static func readStream(_ descriptor: Int32, name: String,
                                   checkStart: (UnsafeRawBufferPointer) throws -> Void) throws -> [UInt8] {
        let read: [UInt8]?
        do {
            read = try StreamReading.read(descriptor, limit: maxStreamBytes, check: checkStart)
        } catch let failure as StreamReading.Failure {
            throw FileError(image: name, .init(errno: failure.code))
        }
        guard let bytes = read else { throw FileError(image: name, .tooLarge(limit: maxStreamBytes)) }
        guard !bytes.isEmpty else { throw FileError(image: name, .empty) }
        return bytes
    }
}

/// A decoder's progress through its input, passed on to `ImageFile`'s release function only when
/// it has grown (decoders report after each block of rows, often from the same place).
struct ConsumedBytes {
    let release: ((Int) -> Void)?
    private var reported = 0

    init(_ release: ((Int) -> Void)?) {
        self.release = release
    }

    mutating func report(_ offset: Int) {
        guard offset > reported, let release else { return }
        reported = offset
        release(offset)
    }
}
