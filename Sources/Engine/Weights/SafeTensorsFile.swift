#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `.safetensors` weights file, memory-mapped and validated when opened.
///
/// F32 tensors at 4-byte aligned offsets are returned without a copy: they borrow the mapping,
/// which stays alive as long as any of them does. F16 and BF16 are converted to float32. While it
/// lives, the mapping is listed in `FileMappings`, so that a front end can report the file should
/// it shrink under the program (the next read beyond its new end faults).
// Unchecked: every property is a constant, and the mapping is only read (copy-on-write).
public final class SafeTensorsFile: @unchecked Sendable {
    /// The path as given, used in every error message.
    public let path: String
    private let mapping: MappedFile
    private let entries: [String: SafeTensorsHeader.Entry]
    private let dataOffset: Int
    /// Tensor names in data-region order.
    public let names: [String]

    public init(path: String) throws {
        self.path = path
        let mapping = try Self.map(path: path)
        guard mapping.size >= 8 else {
            throw FileError(weights: path, "truncated file: \(mapping.size) bytes, too short for a safetensors header")
        }
        let headerLength = mapping.bytes.loadUnaligned(as: UInt64.self).littleEndian
        guard headerLength <= UInt64(SafeTensorsHeader.maximumLength) else {
            throw FileError(weights: path, "header length \(headerLength) is over the 100 MB limit of safetensors headers")
        }
        guard Int(headerLength) <= mapping.size - 8 else {
            throw FileError(weights: path, "header length \(headerLength) is beyond the file size (\(mapping.size) bytes)")
        }
        let dataOffset = 8 + Int(headerLength)
        let header = try SafeTensorsHeader(
            json: UnsafeRawBufferPointer(rebasing: mapping.bytes[8..<dataOffset]),
            dataSize: mapping.size - dataOffset, file: path)
        self.mapping = mapping
        self.dataOffset = dataOffset
        self.names = header.entries.map(\.name)
        self.entries = Dictionary(header.entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The file at `path`, mapped whole.
    private static func map(path: String) throws -> MappedFile {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(weights: path, "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw FileError(weights: path, "cannot read: \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw FileError(weights: path, "not a regular file") }
        do {
            return try MappedFile(descriptor: descriptor, byteCount: Int(status.st_size), file: path,
                                  kind: .weights, access: .copyOnWrite)
        } catch {
            throw FileError(weights: path, "cannot map into memory: \(String(cString: strerror(error.code)))")
        }
    }

    /// The stored shape of `name`, or nil if the file has no such tensor.
    public func shape(of name: String) -> Shape? {
        entries[name].map { Shape($0.dims) }
    }

    /// The tensor `name` as float32, which must have exactly `shape`.
    public func tensor(_ name: String, shape: Shape) throws -> Tensor {
        guard let entry = entries[name] else {
            throw FileError(weights: path, "missing tensor \(name) (expected shape \(shape.bracketed))")
        }
        guard entry.dims == shape.dims else {
            throw FileError(weights: path, "tensor \(name) has shape \(Shape(entry.dims).bracketed), expected \(shape.bracketed)")
        }
        let source = UnsafeMutableRawPointer(mutating: mapping.bytes.baseAddress!) + dataOffset + entry.begin
        switch entry.dtype {
        case .f32 where Int(bitPattern: source) % MemoryLayout<Float>.alignment == 0:
            return Tensor(shape: shape, borrowing: source.assumingMemoryBound(to: Float.self), owner: mapping)
        case .f32:
            let tensor = Tensor(zeros: shape)
            UnsafeMutableRawPointer(tensor.data).copyMemory(from: source, byteCount: entry.end - entry.begin)
            return tensor
        case .f16:
            let tensor = Tensor(zeros: shape)
            HalfPrecision.convertF16(UnsafeRawPointer(source), into: tensor.data, count: shape.count)
            return tensor
        case .bf16:
            let tensor = Tensor(zeros: shape)
            HalfPrecision.convertBF16(UnsafeRawPointer(source), into: tensor.data, count: shape.count)
            return tensor
        default:
            throw FileError(weights: path, "tensor \(name) has dtype \(entry.dtype.rawValue), expected F32, F16 or BF16")
        }
    }

    /// Throws for the first tensor in the file that is not in `expected` (a file for another
    /// model, or a newer architecture), naming it.
    public func requireNoTensorsBeyond(_ expected: Set<String>, model: String) throws {
        if let unexpected = names.first(where: { !expected.contains($0) }) {
            throw FileError(weights: path, "unexpected tensor \(unexpected): not a weight of the \(model) model")
        }
    }
}

/// Conversions from the 16-bit float formats, sixteen values at a time.
enum HalfPrecision {
    static func convertF16(_ source: UnsafeRawPointer, into destination: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        while index + 16 <= count {
            let half = unsafeBitCast(source.loadUnaligned(fromByteOffset: 2 * index, as: SIMD16<UInt16>.self),
                                     to: SIMD16<Float16>.self)
            UnsafeMutableRawPointer(destination + index).storeBytes(of: SIMD16<Float>(half), as: SIMD16<Float>.self)
            index += 16
        }
        while index < count {
            destination[index] = Float(Float16(bitPattern: source.loadUnaligned(fromByteOffset: 2 * index, as: UInt16.self)))
            index += 1
        }
    }

    /// bfloat16 is the upper half of a float32, so widening is a shift.
    static func convertBF16(_ source: UnsafeRawPointer, into destination: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        while index + 16 <= count {
            let bits = SIMD16<UInt32>(truncatingIfNeeded: source.loadUnaligned(fromByteOffset: 2 * index, as: SIMD16<UInt16>.self))
            UnsafeMutableRawPointer(destination + index).storeBytes(of: unsafeBitCast(bits &<< 16, to: SIMD16<Float>.self),
                                                                    as: SIMD16<Float>.self)
            index += 16
        }
        while index < count {
            destination[index] = Float(bitPattern: UInt32(source.loadUnaligned(fromByteOffset: 2 * index, as: UInt16.self)) << 16)
            index += 1
        }
    }
}

/// Writes `tensors` as a float32 safetensors file, in the given order, with the header padded
/// to 8 bytes so that every tensor is aligned when the file is mapped.
public func writeSafeTensors(_ tensors: [(String, Tensor)], to path: String) throws {
    var header = "{"
    var offset = 0
    var seen = Set<String>()
    for (index, (name, tensor)) in tensors.enumerated() {
        guard seen.insert(name).inserted else { throw FileError(weights: path, "duplicate tensor name \(name)") }
        let bytes = tensor.count * MemoryLayout<Float>.size
        header += (index > 0 ? "," : "") + jsonStringLiteral(name)
            + ":{\"dtype\":\"F32\",\"shape\":[\(tensor.shape.dims.map(String.init).joined(separator: ","))],"
            + "\"data_offsets\":[\(offset),\(offset + bytes)]}"
        offset += bytes
    }
    header += "}"
    header += String(repeating: " ", count: (8 - header.utf8.count % 8) % 8)

    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw FileError(weights: path, "cannot create: \(String(cString: strerror(errno)))") }
    defer { close(descriptor) }
    func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        do {
            try StreamWriting.writeAll(descriptor, bytes)
        } catch let failure as StreamWriting.Failure {
            throw FileError(weights: path, "cannot write: \(failure.reason)")
        }
    }
    try withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { try writeAll($0) }
    try Array(header.utf8).withUnsafeBytes { try writeAll($0) }
    for (_, tensor) in tensors where tensor.count > 0 {
        try writeAll(UnsafeRawBufferPointer(start: tensor.data, count: tensor.count * MemoryLayout<Float>.size))
    }
}

extension Shape {
    /// `[18816, 4096]`, the way frameworks print shapes in their errors.
    var bracketed: String { "[" + dims.map(String.init).joined(separator: ", ") + "]" }
}
