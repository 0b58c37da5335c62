import CImageDecoders

/// Reads JPEG files with libjpeg-turbo, giving the pixels of Pillow's
/// `Image.open(path).convert("RGB")`: the same library with its defaults (integer slow DCT, fancy
/// upsampling), RGB out. Greyscale stays one channel; CMYK (and YCCK) is taken as Adobe stores it,
/// inverted, and turned into RGB by Pillow's rule (`cmykToRGB`). EXIF orientation and ICC
/// profiles are ignored, as Pillow's `open` ignores them. Damaged data is an error with libjpeg's
/// message, even where libjpeg only warns and Pillow returns the guessed pixels (a premature end
/// of a data segment, a bad Huffman code, stray bytes before a marker), as djpeg refuses it.
enum JPEGReader {
    /// Memory libjpeg may hold beyond its small working buffers: a progressive image keeps every
    /// DCT coefficient (2 bytes per sample of each component) until its last scan. 64 MB keeps
    /// the largest image within twice its raw size plus 64 MB, and takes progressive files up to
    /// about 22 megapixels in 4:2:0.
    static let decoderMemoryLimit = 64 << 20
    /// Rows decoded per call into the C shim.
    private static let rowsPerBlock = 16

    static func decode(_ bytes: UnsafeRawBufferPointer, name: String,
                       releaseConsumed: ((Int) -> Void)? = nil) throws -> NetpbmImage {
        let data = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        guard let decoder = alexnet_jpeg_create(data, bytes.count) else {
            throw FileError(image: name, .unreadable("out of memory"))
        }
        defer { alexnet_jpeg_destroy(decoder) }
        func failure() -> FileError {
            let message = String(cString: alexnet_jpeg_message(decoder))
            return FileError(image: name, .decoderFailed(format: "JPEG", message: quoted(message.utf8, limit: 160)))
        }

        var header = alexnet_jpeg_header()
        guard alexnet_jpeg_read_header(decoder, &header) == 0 else { throw failure() }
        let width = Int(header.width), height = Int(header.height), components = Int(header.components)
        try ImageReader.checkSides(width: width, height: height, file: name)
        guard header.coefficient_bytes <= UInt64(decoderMemoryLimit) else {
            throw FileError(image: name, .decoderMemory(what: "this progressive JPEG's coefficients",
                                                        bytes: Int(header.coefficient_bytes),
                                                        limit: decoderMemoryLimit))
        }
        guard alexnet_jpeg_start(decoder, decoderMemoryLimit) == 0 else { throw failure() }

        let channels = components == 1 ? 1 : 3
        let rowBytes = width * components
        var block = [UInt8](repeating: 0, count: rowsPerBlock * rowBytes)
        var consumed = ConsumedBytes(releaseConsumed)
        let samples = try [UInt16](unsafeUninitializedCapacity: width * height * channels) { output, count in
            var row = 0
            while row < height {
                let decoded = Int(block.withUnsafeMutableBufferPointer {
                    alexnet_jpeg_read_rows(decoder, $0.baseAddress, Int32(min(rowsPerBlock, height - row)))
                })
                guard decoded > 0 else { throw failure() }
                let target = UnsafeMutableBufferPointer(rebasing: output[(row * width * channels)...])
                block.withUnsafeBufferPointer { source in
                    if components == 4 {
                        cmykToRGB(source, into: target, pixels: decoded * width)
                    } else {
                        for index in 0..<decoded * rowBytes { target[index] = UInt16(source[index]) }
                    }
                }
                row += decoded
                consumed.report(alexnet_jpeg_bytes_consumed(decoder))
            }
            count = width * height * channels
        }
        guard alexnet_jpeg_finish(decoder) == 0 else { throw failure() }
        return NetpbmImage(width: width, height: height, channels: channels, maxValue: 255, samples: samples)
    }

    /// Pillow's conversion of a CMYK JPEG: the file's samples inverted (Pillow's `CMYK;I` raw mode,
    /// "assume Adobe conventions"), then its `cmyk2rgb`: each of R, G, B is
    /// `(255 - k) - (c × (255 - k)) / 255` with Pillow's rounded division by 255.
    static func cmykToRGB(_ source: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt16>,
                          pixels: Int) {
        for pixel in 0..<pixels {
            // Inverted: k = 255 - stored, so 255 - k is the stored value.
            let notK = Int(source[4 * pixel + 3])
            for channel in 0..<3 {
                let ink = 255 - Int(source[4 * pixel + channel])
                output[3 * pixel + channel] = UInt16(notK - divideBy255(ink * notK))
            }
        }
    }

    /// Pillow's `MULDIV255`: `x / 255` rounded, for `x` in `0...255 * 255`.
    private static func divideBy255(_ product: Int) -> Int {
        let biased = product + 128
        return ((biased >> 8) + biased) >> 8
    }
}
