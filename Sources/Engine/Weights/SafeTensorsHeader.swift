/// The JSON header of a safetensors file, parsed and validated before any tensor is touched.
///
/// Format: 8 bytes little-endian header length N, N bytes of JSON
/// `{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}`,
/// then the data region; offsets are relative to the data region's start.
struct SafeTensorsHeader {
    /// Element types a safetensors file may declare; only the float types load as weights.
    enum DType: String, Sendable {
        case f64 = "F64", f32 = "F32", f16 = "F16", bf16 = "BF16"
        case i64 = "I64", i32 = "I32", i16 = "I16", i8 = "I8"
        case u64 = "U64", u32 = "U32", u16 = "U16", u8 = "U8", bool = "BOOL"
        case f8e4m3 = "F8_E4M3", f8e5m2 = "F8_E5M2"

        var byteSize: Int {
            switch self {
            case .f64, .i64, .u64: 8
            case .f32, .i32, .u32: 4
            case .f16, .bf16, .i16, .u16: 2
            case .i8, .u8, .bool, .f8e4m3, .f8e5m2: 1
            }
        }
    }

    struct Entry {
        let name: String
        let dtype: DType
        let dims: [Int]
        /// Byte range in the data region.
        let begin: Int, end: Int
    }

    /// Entries in data-region order.
    let entries: [Entry]

    /// The Rust reference implementation's limit; a larger header is not a weights file.
    static let maximumLength = 100_000_000

    /// Parses `json` and checks every entry against a data region of `dataSize` bytes.
    init(json: UnsafeRawBufferPointer, dataSize: Int, file: String) throws {
        func malformed(_ why: String) -> FileError { FileError(weights: file, "malformed header: \(why)") }
        var parser = JSONParser(json)
        let root: JSONValue
        do { root = try parser.parseDocument() } catch {
            throw malformed(error.message)
        }
        guard case let .object(members) = root else { throw malformed("not a JSON object") }
        var entries: [Entry] = []
        for (name, value) in members where name != "__metadata__" {
            guard case let .object(fields) = value else { throw malformed("entry \(name) is not an object") }
            func field(_ key: String) throws -> JSONValue {
                guard let found = fields.first(where: { $0.0 == key }) else {
                    throw malformed("tensor \(name) has no \(key)")
                }
                return found.1
            }
            func integers(_ key: String) throws -> [Int] {
                guard case let .array(items) = try field(key) else { throw malformed("tensor \(name): \(key) is not an array") }
                return try items.map {
                    guard case let .integer(value) = $0 else {
                        throw malformed("tensor \(name): \(key) holds something other than a non-negative integer")
                    }
                    return value
                }
            }
            guard case let .string(dtypeName) = try field("dtype") else { throw malformed("tensor \(name): dtype is not a string") }
            guard let dtype = DType(rawValue: dtypeName) else {
                throw FileError(weights: file, "tensor \(name) has unknown dtype \(dtypeName)")
            }
            let dims = try integers("shape")
            let offsets = try integers("data_offsets")
            guard offsets.count == 2, offsets[0] <= offsets[1] else {
                throw malformed("tensor \(name): data_offsets must be [begin, end] with begin <= end")
            }
            var elements = 1, overflow = false
            for extent in dims where !overflow {
                (elements, overflow) = elements.multipliedReportingOverflow(by: extent)
            }
            let (bytes, bytesOverflow) = elements.multipliedReportingOverflow(by: dtype.byteSize)
            let shapeText = "[" + dims.map(String.init).joined(separator: ", ") + "]"
            if overflow || bytesOverflow || bytes != offsets[1] - offsets[0] {
                throw FileError(weights: file, "tensor \(name) of shape \(shapeText) \(dtype.rawValue) needs "
                    + (overflow || bytesOverflow ? "more bytes than fit in memory" : "\(bytes) bytes")
                    + ", but its data_offsets span \(offsets[1] - offsets[0])")
            }
            if offsets[1] > dataSize {
                throw FileError(weights: file, "truncated file: tensor \(name) needs data bytes \(offsets[0])..<\(offsets[1]), "
                    + "but the data region holds \(dataSize)")
            }
            entries.append(Entry(name: name, dtype: dtype, dims: dims, begin: offsets[0], end: offsets[1]))
        }
        entries.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        for (previous, next) in zip(entries, entries.dropFirst()) where next.begin < previous.end {
            throw malformed("tensors \(previous.name) and \(next.name) overlap in the data region")
        }
        self.entries = entries
    }
}

/// The JSON values a safetensors header uses. Numbers are kept only when they are non-negative
/// integers (shapes and offsets); any other number becomes `.otherNumber`.
enum JSONValue {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int)
    case otherNumber
    case bool(Bool)
    case null
}

/// A small strict JSON parser: the header is untrusted input, so nesting depth is bounded and
/// duplicate keys are rejected rather than silently resolved.
struct JSONParser {
    struct Failure: Error { let message: String }

    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    private static let maximumDepth = 64

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func parseDocument() throws(Failure) -> JSONValue {
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard position == bytes.count else { throw fail("unexpected text after the JSON value") }
        return value
    }

    private func fail(_ message: String) -> Failure { Failure(message: "\(message) at byte \(8 + position)") }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        // Space padding after the object is how writers align the data region.
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        skipWhitespace()
        guard current == byte else { throw fail("expected \(what)") }
        position += 1
    }

    private mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
        guard depth < Self.maximumDepth else { throw fail("nesting deeper than \(Self.maximumDepth)") }
        skipWhitespace()
        guard let byte = current else { throw fail("unexpected end") }
        switch byte {
        case UInt8(ascii: "{"):
            position += 1
            var members: [(String, JSONValue)] = []
            var keys = Set<String>()
            skipWhitespace()
            if current == UInt8(ascii: "}") { position += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw fail("expected a string key") }
                let keyStart = position
                let key = try parseString()
                guard keys.insert(key).inserted else { position = keyStart; throw fail("duplicate key \(key)") }
                try expect(UInt8(ascii: ":"), "':'")
                members.append((key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                if current == UInt8(ascii: ",") { position += 1; continue }
                try expect(UInt8(ascii: "}"), "',' or '}'")
                return .object(members)
            }
        case UInt8(ascii: "["):
            position += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                if current == UInt8(ascii: ",") { position += 1; continue }
                try expect(UInt8(ascii: "]"), "',' or ']'")
                return .array(items)
            }
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            for (word, value) in [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)]
            where matches(word) {
                position += word.utf8.count
                return value
            }
            throw fail("unexpected character")
        }
    }

    private func matches(_ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        guard position + utf8.count <= bytes.count else { return false }
        return utf8.indices.allSatisfy { bytes[position + $0] == utf8[$0] }
    }

    private mutating func parseNumber() throws(Failure) -> JSONValue {
        let start = position
        var value = 0, isInteger = true, overflow = false
        if current == UInt8(ascii: "-") { isInteger = false; position += 1 }
        var digits = 0
        while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            if isInteger && !overflow {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                value = sum
                overflow = o1 || o2
            }
            digits += 1
            position += 1
        }
        guard digits > 0 else { position = start; throw fail("malformed number") }
        while let byte = current, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
            isInteger = false
            position += 1
        }
        if overflow { throw fail("number too large") }
        return isInteger ? .integer(value) : .otherNumber
    }

    private mutating func parseString() throws(Failure) -> String {
        position += 1  // opening quote
        var utf8: [UInt8] = []
        while true {
            guard let byte = current else { throw fail("unterminated string") }
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = current else { throw fail("unterminated string") }
                position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escaped)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    // Surrogates come in pairs, high then low; like serde_json (the reference
                    // reader's), reject a lone one rather than guess.
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard matches("\\u") else { throw fail("unpaired surrogate in \\u escape") }
                        position += 2
                        let low = try parseHex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate in \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw fail("unpaired surrogate in \\u escape") }
                    utf8.append(contentsOf: String(Character(unicode)).utf8)
                default: throw fail("bad escape in string")
                }
            case 0..<0x20:
                throw fail("control character in string")
            default:
                utf8.append(byte)
            }
        }
    }

    private mutating func parseHex4() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexDigit(byte) else { throw fail("bad \\u escape") }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
