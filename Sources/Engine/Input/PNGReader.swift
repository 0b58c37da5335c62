import CImageDecoders

/// Reads PNG files with libpng, giving the pixels of Pillow's `Image.open(path).convert("RGB")`:
///
/// - grey of 1, 2, 4 or 8 bits scaled to 8 (one channel); RGB as it is; alpha dropped, not
///   composited; a palette looked up, its transparency (tRNS) ignored;
/// - 16 bits: RGB, RGBA and grey+alpha keep the high byte of each sample (Pillow reads them as
///   8-bit modes), while 16-bit grey is clipped to 255 (Pillow's `I;16` to `RGB` conversion:
///   values above 255 become white);
/// - gamma, colour profiles and every other ancillary chunk are ignored, as Pillow ignores them.
///
/// A palette index beyond the palette's entries is an error. Interlaced images are decoded whole
/// before conversion, so they are limited to `decoderMemoryLimit` of decoded rows.
enum PNGReader {
    /// Memory of an interlaced image decoded whole (its rows as libpng gives them).
    static let decoderMemoryLimit = 64 << 20
    /// Most memory libpng may allocate for one chunk: a defence in depth, since the ancillary
    /// chunks, where large ones are found, are skipped without being stored.
    static let chunkMemoryLimit = 8 << 20
    /// Rows decoded per call into the C shim.
    private static let rowsPerBlock = 16

    static func decode(_ bytes: UnsafeRawBufferPointer, name: String,
                       releaseConsumed: ((Int) -> Void)? = nil) throws -> NetpbmImage {
        try checkSides(bytes, file: name)
        let data = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        guard let decoder = alexnet_png_create(data, bytes.count, UInt32(ImageReader.maxSide), chunkMemoryLimit) else {
            throw FileError(image: name, .unreadable("out of memory"))
        }
        defer { alexnet_png_destroy(decoder) }
        func failure() -> FileError {
            let message = String(cString: alexnet_png_message(decoder))
            return FileError(image: name, .decoderFailed(format: "PNG", message: quoted(message.utf8, limit: 160)))
        }

        var header = alexnet_png_header()
        guard alexnet_png_read_header(decoder, &header) == 0 else { throw failure() }
        let layout = try RowLayout(header, file: name)
        let width = layout.width, height = layout.height, channels = layout.channels
        var consumed = ConsumedBytes(releaseConsumed)
        let samples = try [UInt16](unsafeUninitializedCapacity: width * height * channels) { output, count in
            if header.interlaced != 0 {
                let total = checkedProduct(header.row_bytes, height)
                guard total <= decoderMemoryLimit else {
                    throw FileError(image: name, .decoderMemory(what: "this interlaced PNG's rows", bytes: total,
                                                                limit: decoderMemoryLimit))
                }
                var image = [UInt8](repeating: 0, count: total)
                guard image.withUnsafeMutableBufferPointer({ alexnet_png_read_image(decoder, $0.baseAddress) }) == 0
                else { throw failure() }
                try image.withUnsafeBufferPointer { try layout.convert($0, firstRow: 0, rows: height, into: output) }
            } else {
                var block = [UInt8](repeating: 0, count: rowsPerBlock * header.row_bytes)
                var row = 0
                while row < height {
                    let rows = min(rowsPerBlock, height - row)
                    guard block.withUnsafeMutableBufferPointer({
                        alexnet_png_read_rows(decoder, $0.baseAddress, UInt32(rows))
                    }) == 0 else { throw failure() }
                    try block.withUnsafeBufferPointer { try layout.convert($0, firstRow: row, rows: rows, into: output) }
                    row += rows
                    consumed.report(alexnet_png_bytes_consumed(decoder))
                }
            }
            count = width * height * channels
        }
        return NetpbmImage(width: width, height: height, channels: channels, maxValue: 255, samples: samples)
    }

    /// The width and height of the IHDR chunk, which must come first, checked before libpng
    /// reads anything (libpng's own limit, set to the same sides, words it less plainly). A file
    /// too short or without IHDR first is left for libpng to reject.
    private static func checkSides(_ bytes: UnsafeRawBufferPointer, file: String) throws {
        guard bytes.count >= 24, bytes[12..<16].elementsEqual("IHDR".utf8) else { return }
        func bigEndian(at offset: Int) -> Int {
            bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        try ImageReader.checkSides(width: bigEndian(at: 16), height: bigEndian(at: 20), file: file)
    }

    /// How the rows libpng delivers (see `alexnet_png_header`) become the image's samples.
    private struct RowLayout {
        let width: Int
        let height: Int
        let colorType: Int32
        /// Samples per delivered pixel.
        let sourceChannels: Int
        let sixteenBits: Bool
        let rowBytes: Int
        /// Samples per pixel kept: 1 (grey) or 3.
        let channels: Int
        /// RGB triples, for palette images.
        let palette: [UInt8]
        let file: String

        init(_ header: alexnet_png_header, file: String) throws {
            width = Int(header.width)
            height = Int(header.height)
            colorType = header.color_type
            sourceChannels = Int(header.channels)
            sixteenBits = header.bit_depth == 16
            rowBytes = header.row_bytes
            channels = colorType == 0 || colorType == 4 ? 1 : 3
            palette = withUnsafeBytes(of: header.palette) { Array($0.prefix(3 * Int(header.palette_size))) }
            self.file = file
            let expected = checkedProduct(width, sourceChannels, sixteenBits ? 2 : 1)
            precondition(rowBytes == expected, "libpng row of \(rowBytes) bytes, expected \(expected)")
        }

        /// Converts `rows` rows from `source` (rows of `rowBytes`) into `output` from `firstRow` on.
        func convert(_ source: UnsafeBufferPointer<UInt8>, firstRow: Int, rows: Int,
                     into output: UnsafeMutableBufferPointer<UInt16>) throws {
            let count = rows * width
            let target = output.baseAddress! + firstRow * width * channels
            if colorType == 3 {
                try lookUp(source, firstRow: firstRow, pixels: count, into: target)
                return
            }
            // The samples kept of each pixel: grey, or R G B; alpha (the last) dropped.
            let kept = channels
            if sixteenBits {
                source.withMemoryRebound(to: UInt16.self) { wide in
                    for pixel in 0..<count {
                        for channel in 0..<kept {
                            let value = wide[pixel * sourceChannels + channel]
                            // Pillow: I;16 grey clipped, every other 16-bit mode its high byte.
                            target[pixel * kept + channel] = colorType == 0 ? min(value, 255) : value >> 8
                        }
                    }
                }
            } else {
                for pixel in 0..<count {
                    for channel in 0..<kept {
                        target[pixel * kept + channel] = UInt16(source[pixel * sourceChannels + channel])
                    }
                }
            }
        }

        private func lookUp(_ source: UnsafeBufferPointer<UInt8>, firstRow: Int, pixels: Int,
                            into target: UnsafeMutablePointer<UInt16>) throws {
            let entries = palette.count / 3
            for pixel in 0..<pixels {
                let index = Int(source[pixel])
                guard index < entries else {
                    throw FileError(image: file, .paletteIndexOutOfRange(
                        index: index, entries: entries, row: firstRow + pixel / width, column: pixel % width))
                }
                for channel in 0..<3 { target[3 * pixel + channel] = UInt16(palette[3 * index + channel]) }
            }
        }
    }
}
