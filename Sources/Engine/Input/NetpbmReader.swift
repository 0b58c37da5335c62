/// Reads Netpbm images: PBM, PGM and PPM in their plain (ASCII, `P1`-`P3`) and raw (binary,
/// `P4`-`P6`) forms, and PAM (`P7`) with tuple types BLACKANDWHITE, GRAYSCALE, RGB and their
/// `_ALPHA` forms (alpha is dropped). Maxval 1...65535; samples above 255 take two bytes,
/// big-endian. Of a file holding several images, the first is read.
///
/// Every size is checked against the bytes actually present before anything is allocated, so a
/// tiny file claiming a huge image fails at once; `decode` never traps on any input, which makes
/// it the entry point for a fuzzer.
public enum NetpbmReader {
    /// The first image of the file at `path`, which must be a Netpbm file (`ImageReader` reads
    /// every format).
    public static func read(path: String) throws -> NetpbmImage {
        try ImageFile.withBytes(path: path, checkStart: { bytes in
            if bytes.count >= 2 { try NetpbmScanner.checkStart(of: bytes, file: path) }
        }, decode: { bytes, releaseConsumed in
            try decode(bytes, name: path, releaseConsumed: releaseConsumed)
        })
    }

    /// The first image in `bytes`; `name` is the file named in errors.
    public static func decode(_ bytes: UnsafeRawBufferPointer, name: String) throws -> NetpbmImage {
        try decode(bytes, name: name, releaseConsumed: nil)
    }

    /// `releaseConsumed` is told, as the raster is decoded, how many bytes from the start are
    /// not needed again.
    static func decode(_ bytes: UnsafeRawBufferPointer, name: String,
                       releaseConsumed: ((Int) -> Void)?) throws -> NetpbmImage {
        var scanner = NetpbmScanner(bytes: bytes, file: name)
        scanner.releaseConsumed = releaseConsumed
        return try scanner.image()
    }
}

/// What the header says about the raster that follows it.
struct NetpbmHeader: Equatable {
    enum Encoding {
        /// `P1`: one `0`/`1` character per pixel, 1 = black.
        case plainBits
        /// `P2`, `P3`: decimal numbers separated by whitespace.
        case plainIntegers
        /// `P4`: 8 pixels per byte, most significant bit first, rows padded to a byte, 1 = black.
        case rawBits
        /// `P5`, `P6`, `P7`: one byte per sample, two (big-endian) when maxval > 255.
        case rawIntegers
    }
    var encoding: Encoding
    var width: Int
    var height: Int
    /// Samples per pixel in the file (PAM's DEPTH; alpha included).
    var depth: Int
    /// Samples per pixel kept: 1 or 3 (alpha dropped).
    var channels: Int
    var maxValue: Int
    /// Offset of the first raster byte.
    var rasterOffset: Int

    /// Row and column of the pixel holding the `index`th sample of the file's raster.
    func location(ofSample index: Int) -> (row: Int, column: Int) {
        let pixel = index / depth
        return (pixel / width, pixel % width)
    }
}

/// A cursor over the bytes of one Netpbm file.
struct NetpbmScanner {
    let bytes: UnsafeRawBufferPointer
    let file: String
    var position = 0
    /// Told, while the raster is decoded, how many bytes from the start are no longer needed.
    var releaseConsumed: ((Int) -> Void)?
    /// About how many bytes of the raster are decoded between two calls of `releaseConsumed`.
    var releaseInterval = 8 << 20

    init(bytes: UnsafeRawBufferPointer, file: String) {
        self.bytes = bytes
        self.file = file
    }

    private func failure(_ problem: ImageProblem) -> FileError {
        FileError(image: file, problem)
    }

    mutating func image() throws -> NetpbmImage {
        try raster(header())
    }

    // MARK: Header

    /// Every Netpbm file starts with `P` and a digit.
    static func checkStart(of bytes: UnsafeRawBufferPointer, file: String) throws {
        guard !bytes.isEmpty else { throw FileError(image: file, .empty) }
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "P"), isDigit(bytes[1]) else {
            throw FileError(image: file, .notNetpbm(startsWith: quoted(bytes.prefix(4))))
        }
    }

    mutating func header() throws -> NetpbmHeader {
        try Self.checkStart(of: bytes, file: file)
        let magic = token()
        let digit = bytes[magic.lowerBound + 1]
        guard magic.count == 2, (UInt8(ascii: "1")...UInt8(ascii: "7")).contains(digit) else {
            throw failure(.badMagic(quoted(bytes[magic])))
        }
        let kind = Int(digit - UInt8(ascii: "0"))
        if kind == 7 { return try pamHeader() }

        let width = try dimension("width")
        let height = try dimension("height")
        let isBitmap = kind == 1 || kind == 4
        let maxValue = isBitmap ? 1 : try maxValueField()
        let plain = kind <= 3
        if !plain { skipRasterDelimiter() }
        let channels = kind == 3 || kind == 6 ? 3 : 1
        let encoding: NetpbmHeader.Encoding = switch (isBitmap, plain) {
        case (true, true): .plainBits
        case (true, false): .rawBits
        case (false, true): .plainIntegers
        case (false, false): .rawIntegers
        }
        return NetpbmHeader(encoding: encoding, width: width, height: height, depth: channels,
                            channels: channels, maxValue: maxValue, rasterOffset: position)
    }

    /// PAM's header: `KEYWORD value` lines up to `ENDHDR`, comments on lines of their own.
    private mutating func pamHeader() throws -> NetpbmHeader {
        var width: Int?, height: Int?, depth: Int?, maxValue: Int?
        var tupleType: String?
        while true {
            skipWhitespaceAndComments()
            guard position < bytes.count else { throw failure(.missingPAMField("ENDHDR")) }
            let keyword = token()
            switch String(decoding: bytes[keyword], as: UTF8.self) {
            case "ENDHDR":
                skipToEndOfLine()
                return try pamRaster(width: width, height: height, depth: depth,
                                     maxValue: maxValue, tupleType: tupleType ?? "")
            case "WIDTH": width = try dimension("width", sameLine: true)
            case "HEIGHT": height = try dimension("height", sameLine: true)
            case "DEPTH": depth = try positive("depth", sameLine: true)
            case "MAXVAL": maxValue = try maxValueField(sameLine: true)
            case "TUPLTYPE":
                // Repeated TUPLTYPE lines are joined with a space, as the PAM specification says.
                let words = restOfLine()
                tupleType = tupleType.map { $0 + " " + words } ?? words
            default:
                throw failure(.unknownPAMKeyword(quoted(bytes[keyword])))
            }
        }
    }

    private func pamRaster(width: Int?, height: Int?, depth: Int?, maxValue: Int?,
                           tupleType: String) throws -> NetpbmHeader {
        guard let width else { throw failure(.missingPAMField("WIDTH")) }
        guard let height else { throw failure(.missingPAMField("HEIGHT")) }
        guard let depth else { throw failure(.missingPAMField("DEPTH")) }
        guard let maxValue else { throw failure(.missingPAMField("MAXVAL")) }
        let knownDepths = ["BLACKANDWHITE": 1, "GRAYSCALE": 1, "RGB": 3,
                           "BLACKANDWHITE_ALPHA": 2, "GRAYSCALE_ALPHA": 2, "RGB_ALPHA": 4]
        if tupleType.isEmpty {
            // TUPLTYPE is optional; the depth then says what the samples are.
            guard (1...4).contains(depth) else {
                throw failure(.unsupportedTupleType(tupleType, depth: depth))
            }
        } else {
            guard let expected = knownDepths[tupleType] else {
                throw failure(.unsupportedTupleType(quoted(Array(tupleType.utf8), limit: 32),
                                                    depth: depth))
            }
            guard expected == depth else {
                throw failure(.tupleTypeNeeds(tupleType, field: "depth", expected: expected,
                                              found: depth))
            }
            if tupleType.hasPrefix("BLACKANDWHITE") && maxValue != 1 {
                throw failure(.tupleTypeNeeds(tupleType, field: "maxval", expected: 1,
                                              found: maxValue))
            }
        }
        // PAM's BLACKANDWHITE stores 0 = black, so unlike PBM it needs no inversion.
        return NetpbmHeader(encoding: .rawIntegers, width: width, height: height, depth: depth,
                            channels: depth >= 3 ? 3 : 1, maxValue: maxValue,
                            rasterOffset: position)
    }

    /// A width or height: a positive number no larger than `ImageReader.maxSide`.
    private mutating func dimension(_ field: String, sameLine: Bool = false) throws -> Int {
        let (value, text) = try number(field, sameLine: sameLine)
        guard value > 0 else { throw failure(.notPositive(field: field, text: text)) }
        guard value <= ImageReader.maxSide else {
            throw failure(.exceedsLimit(field: field, text: text, limit: ImageReader.maxSide))
        }
        return value
    }

    private mutating func positive(_ field: String, sameLine: Bool) throws -> Int {
        let (value, text) = try number(field, sameLine: sameLine)
        guard value > 0 else { throw failure(.notPositive(field: field, text: text)) }
        return value
    }

    private mutating func maxValueField(sameLine: Bool = false) throws -> Int {
        let (value, text) = try number("maxval", sameLine: sameLine)
        guard (1...65535).contains(value) else { throw failure(.maxValueOutOfRange(text: text)) }
        return value
    }

    /// The next header field as a number (a leading `-` is accepted so that the error can say
    /// "not positive"), with its text for messages. Values beyond 2^40 saturate: they are over
    /// every limit anyway.
    private mutating func number(_ field: String, sameLine: Bool) throws -> (Int, String) {
        if sameLine { skipSpacesAndTabs() } else { skipWhitespaceAndComments() }
        let text = token()
        guard !text.isEmpty else { throw failure(.headerEnds(before: field)) }
        let negative = bytes[text.lowerBound] == UInt8(ascii: "-")
        guard let magnitude = decimalValue(bytes, text.dropFirst(negative ? 1 : 0)) else {
            throw failure(.notANumber(field: field, text: quoted(bytes[text])))
        }
        return (negative ? -magnitude : magnitude, quoted(bytes[text]))
    }

    /// After the last header field of a raw format comes exactly one whitespace character; a
    /// comment there ends with the newline that serves as that character.
    private mutating func skipRasterDelimiter() {
        guard position < bytes.count else { return }
        if bytes[position] == UInt8(ascii: "#") { skipToEndOfLine() } else { position += 1 }
    }

    // MARK: Raster

    /// The samples the header announces, checked against the bytes present before allocating.
    mutating func raster(_ header: NetpbmHeader) throws -> NetpbmImage {
        position = header.rasterOffset
        let pixels = header.width * header.height   // both <= 16384: no overflow
        let samples: [UInt16]
        switch header.encoding {
        case .rawIntegers: samples = try rawIntegers(header, pixels: pixels)
        case .rawBits: samples = try rawBits(header)
        case .plainIntegers: samples = try plainIntegers(header, pixels: pixels)
        case .plainBits: samples = try plainBits(header, pixels: pixels)
        }
        return NetpbmImage(width: header.width, height: header.height, channels: header.channels,
                           maxValue: header.maxValue, samples: samples)
    }

    private var available: Int { bytes.count - position }

    private func rawIntegers(_ header: NetpbmHeader, pixels: Int) throws -> [UInt16] {
        let sampleBytes = header.maxValue > 255 ? 2 : 1
        let expected = checkedProduct(pixels, header.depth, sampleBytes)
        guard available >= expected else {
            throw failure(.truncatedRaster(expected: expected, found: available, unit: "bytes"))
        }
        let depth = header.depth, channels = header.channels
        let source = bytes.baseAddress!.advanced(by: position).assumingMemoryBound(to: UInt8.self)
        let samples = [UInt16](unsafeUninitializedCapacity: pixels * channels) { buffer, count in
            let output = buffer.baseAddress!
            // In blocks, each released once decoded.
            let pixelBytes = depth * sampleBytes
            let block = max(1, releaseInterval / pixelBytes)
            for start in stride(from: 0, to: pixels, by: block) {
                let end = min(start + block, pixels)
                switch (sampleBytes, depth == channels) {
                case (1, true):
                    for index in start * channels..<end * channels { output[index] = UInt16(source[index]) }
                case (1, false):
                    for pixel in start..<end {
                        for channel in 0..<channels {
                            output[pixel * channels + channel] = UInt16(source[pixel * depth + channel])
                        }
                    }
                default:
                    for pixel in start..<end {
                        for channel in 0..<channels {
                            let at = 2 * (pixel * depth + channel)
                            output[pixel * channels + channel] = UInt16(source[at]) << 8 | UInt16(source[at + 1])
                        }
                    }
                }
                releaseConsumed?(position + end * pixelBytes)
            }
            count = pixels * channels
        }
        // A raw sample can exceed a maxval below 255 (or 65535); such a file is malformed.
        if header.maxValue != (sampleBytes == 1 ? 255 : 65535) {
            try checkMaxValue(samples, header)
        }
        return samples
    }

    private func checkMaxValue(_ samples: [UInt16], _ header: NetpbmHeader) throws {
        let limit = UInt16(header.maxValue)
        guard let index = samples.firstIndex(where: { $0 > limit }) else { return }
        let (row, column) = header.location(ofSample: index * header.depth / header.channels)
        throw failure(.sampleAboveMaxValue(value: Int(samples[index]), maxValue: header.maxValue,
                                           row: row, column: column))
    }

    private func rawBits(_ header: NetpbmHeader) throws -> [UInt16] {
        let rowBytes = (header.width + 7) / 8
        let expected = checkedProduct(rowBytes, header.height)
        guard available >= expected else {
            throw failure(.truncatedRaster(expected: expected, found: available, unit: "bytes"))
        }
        let width = header.width, height = header.height
        let source = bytes.baseAddress!.advanced(by: position).assumingMemoryBound(to: UInt8.self)
        let rowsPerRelease = max(1, releaseInterval / rowBytes)
        return [UInt16](unsafeUninitializedCapacity: width * height) { output, count in
            for row in 0..<height {
                let line = source + row * rowBytes
                for column in 0..<width {
                    let bit = line[column >> 3] >> (7 - UInt8(column & 7)) & 1
                    output[row * width + column] = UInt16(1 - bit)   // PBM: 1 is black
                }
                if (row + 1) % rowsPerRelease == 0 { releaseConsumed?(position + (row + 1) * rowBytes) }
            }
            count = width * height
        }
    }

    private mutating func plainIntegers(_ header: NetpbmHeader, pixels: Int) throws -> [UInt16] {
        let expected = checkedProduct(pixels, header.depth)
        // Each sample takes at least one digit and one separator (none after the last).
        guard available >= checkedProduct(expected, 2) - 1 else {
            throw failure(.truncatedRaster(expected: expected, found: countTokens(), unit: "samples"))
        }
        var samples = [UInt16](repeating: 0, count: expected)
        var nextRelease = position + releaseInterval
        for index in 0..<expected {
            skipWhitespaceAndComments()
            let text = token()
            guard !text.isEmpty else {
                throw failure(.truncatedRaster(expected: expected, found: index, unit: "samples"))
            }
            guard let value = decimalValue(bytes, text) else {
                let (row, column) = header.location(ofSample: index)
                throw failure(.sampleNotANumber(text: quoted(bytes[text]), row: row, column: column))
            }
            guard value <= header.maxValue else {
                let (row, column) = header.location(ofSample: index)
                throw failure(.sampleAboveMaxValue(value: value, maxValue: header.maxValue,
                                                   row: row, column: column))
            }
            samples[index] = UInt16(value)
            reportConsumed(upTo: position, next: &nextRelease)
        }
        return samples
    }

    private mutating func plainBits(_ header: NetpbmHeader, pixels: Int) throws -> [UInt16] {
        guard available >= pixels else {
            throw failure(.truncatedRaster(expected: pixels, found: countTokens(bits: true),
                                           unit: "samples"))
        }
        var samples = [UInt16](repeating: 0, count: pixels)
        var nextRelease = position + releaseInterval
        for index in 0..<pixels {
            skipWhitespaceAndComments()
            guard position < bytes.count else {
                throw failure(.truncatedRaster(expected: pixels, found: index, unit: "samples"))
            }
            // Bits need no separators: "0110" is four pixels.
            switch bytes[position] {
            case UInt8(ascii: "0"): samples[index] = 1
            case UInt8(ascii: "1"): samples[index] = 0
            default:
                let (row, column) = header.location(ofSample: index)
                throw failure(.sampleNotABit(text: quoted(bytes[token()]), row: row, column: column))
            }
            position += 1
            reportConsumed(upTo: position, next: &nextRelease)
        }
        return samples
    }

    /// Tells `releaseConsumed` that the bytes before `position` are decoded, once `position`
    /// reaches `next`, and sets the next mark.
    private func reportConsumed(upTo position: Int, next: inout Int) {
        guard position >= next else { return }
        releaseConsumed?(position)
        next = position + releaseInterval
    }

    /// Samples left in a plain raster, for the message about a truncated one.
    private mutating func countTokens(bits: Bool = false) -> Int {
        var count = 0
        while true {
            skipWhitespaceAndComments()
            guard position < bytes.count else { return count }
            if bits { position += 1; count += 1 } else { count += token().isEmpty ? 0 : 1 }
        }
    }

    // MARK: Lexing

    /// The bytes up to whitespace, a comment or the end; the cursor moves past them.
    private mutating func token() -> Range<Int> {
        let start = position
        var end = start   // a local, kept in a register in this hot loop of plain formats
        while end < bytes.count, !isWhitespace(bytes[end]), bytes[end] != UInt8(ascii: "#") {
            end += 1
        }
        position = end
        return start..<end
    }

    private mutating func skipWhitespaceAndComments() {
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "#") {
                skipToEndOfLine()
            } else if isWhitespace(bytes[position]) {
                position += 1
            } else {
                return
            }
        }
    }

    private mutating func skipSpacesAndTabs() {
        while position < bytes.count,
              bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") {
            position += 1
        }
    }

    /// Moves past the next newline (or to the end).
    private mutating func skipToEndOfLine() {
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
        if position < bytes.count { position += 1 }
    }

    /// The rest of the line without surrounding whitespace; the cursor moves past the newline.
    private mutating func restOfLine() -> String {
        skipSpacesAndTabs()
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
        var end = position
        while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        skipToEndOfLine()
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// Netpbm's whitespace: space, tab, newline, vertical tab, form feed, carriage return.
private func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (0x09...0x0d).contains(byte)
}

private func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
}

/// The value of the decimal digits `bytes[range]`, saturating at 2^40; nil if the range is empty
/// or holds anything but digits.
private func decimalValue(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
    guard !range.isEmpty else { return nil }
    var value = 0
    for index in range {
        let digit = bytes[index] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        value = min(value &* 10 &+ Int(digit), 1 << 40)
    }
    return value
}

/// The product of sizes, or `Int.max` if it overflows (which no file can hold).
func checkedProduct(_ factors: Int...) -> Int {
    var product = 1
    for factor in factors {
        let (result, overflow) = product.multipliedReportingOverflow(by: factor)
        if overflow { return Int.max }
        product = result
    }
    return product
}
