/// Reads an image in any of the formats the program takes: Netpbm (`NetpbmReader`), JPEG
/// (`JPEGReader`) and PNG (`PNGReader`), chosen by the file's first bytes. JPEG and PNG give the
/// pixels of Pillow's `Image.open(path).convert("RGB")` (8-bit, maxval 255; grey images keep
/// one channel, which preprocessing feeds to all three as `convert("RGB")` does).
///
/// Every reader checks the width and height from the header (at most `maxSide`) before any pixel
/// memory is allocated, and `decode` never traps on any input.
public enum ImageReader {
    /// Largest accepted width or height, in every format.
    public static let maxSide = 16384

    /// The image in the file at `path` (a regular file, memory-mapped, or a pipe or device).
    public static func read(path: String) throws -> NetpbmImage {
        try ImageFile.withBytes(path: path, checkStart: { bytes in
            if bytes.count >= ImageFormat.longestSignature { _ = try ImageFormat.of(bytes, file: path) }
        }, decode: { bytes, releaseConsumed in
            try decode(bytes, name: path, releaseConsumed: releaseConsumed)
        })
    }

    /// The image in `bytes`; `name` is the file named in errors.
    public static func decode(_ bytes: UnsafeRawBufferPointer, name: String) throws -> NetpbmImage {
        try decode(bytes, name: name, releaseConsumed: nil)
    }

    /// `releaseConsumed` is told, as decoding goes, how many bytes from the start are not needed
    /// again (offsets only grow).
    static func decode(_ bytes: UnsafeRawBufferPointer, name: String,
                       releaseConsumed: ((Int) -> Void)?) throws -> NetpbmImage {
        switch try ImageFormat.of(bytes, file: name) {
        case .netpbm:
            return try NetpbmReader.decode(bytes, name: name, releaseConsumed: releaseConsumed)
        case .jpeg:
            return try JPEGReader.decode(bytes, name: name, releaseConsumed: releaseConsumed)
        case .png:
            return try PNGReader.decode(bytes, name: name, releaseConsumed: releaseConsumed)
        }
    }

    /// Throws the error for a width or height outside `1...maxSide`.
    static func checkSides(width: Int, height: Int, file: String) throws {
        for (field, value) in [("width", width), ("height", height)] {
            guard value > 0 else { throw FileError(image: file, .notPositive(field: field, text: "\(value)")) }
            guard value <= maxSide else {
                throw FileError(image: file, .exceedsLimit(field: field, text: "\(value)", limit: maxSide))
            }
        }
    }
}
