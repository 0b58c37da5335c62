/// The image formats the program reads, told apart by their first bytes (never by the file's name).
enum ImageFormat: Equatable {
    /// PBM, PGM, PPM, PAM: `P` and a digit.
    case netpbm
    /// JFIF, Exif and other JPEG files: the SOI marker `FF D8` followed by another marker.
    case jpeg
    /// PNG's 8-byte signature.
    case png

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// Enough bytes to tell every format apart.
    static let longestSignature = pngSignature.count

    /// The format `bytes` starts as, or nil; fewer than `longestSignature` bytes are judged as far
    /// as they go (a complete Netpbm file can be 4 bytes long).
    init?(startOf bytes: UnsafeRawBufferPointer) {
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "P"), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[1]) {
            self = .netpbm
        } else if bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF {
            self = .jpeg
        } else if bytes.starts(with: Self.pngSignature) {
            self = .png
        } else {
            return nil
        }
    }

    /// The format of `bytes`, or the error a user sees for a file of none of them.
    static func of(_ bytes: UnsafeRawBufferPointer, file: String) throws -> ImageFormat {
        guard !bytes.isEmpty else { throw FileError(image: file, .empty) }
        guard let format = ImageFormat(startOf: bytes) else {
            throw FileError(image: file, .unknownFormat(startsWith: quoted(bytes.prefix(4))))
        }
        return format
    }
}
