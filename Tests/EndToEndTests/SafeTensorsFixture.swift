import Foundation

/// Writes `.safetensors` files byte by byte, independently of the engine's own reader and writer.
///
/// Layout: an 8-byte little-endian header length, a JSON header mapping each tensor's name to
/// its dtype, shape and `[begin, end)` byte offsets into the data that follows.
/// Tensor data is left as a hole (`ftruncate`), so a full-size model costs no disk and reads as zeros.
struct SafeTensorsFixture {
    struct Entry {
        var name: String
        var shape: [Int]
        var dtype = "F32"
        var bytesPerElement = 4
    }

    var entries: [Entry]

    /// The tensors of a preset, with their names and shapes in the original frameworks' layouts.
    static func preset(_ name: String) -> SafeTensorsFixture {
        switch name {
        case "seed":
            // TensorFlow: conv [kh, kw, in, out], dense [in, out].
            let weights: [[Int]] = [[11, 11, 3, 96], [5, 5, 96, 256], [3, 3, 256, 384], [3, 3, 384, 384],
                                    [3, 3, 384, 384], [18816, 4096], [4096, 4096], [4096, 17]]
            return SafeTensorsFixture(entries: weights.enumerated().flatMap { index, shape in
                [Entry(name: "w\(index + 1)", shape: shape), Entry(name: "b\(index + 1)", shape: [shape.last!])]
            })
        default:
            // PyTorch: conv [out, in, kh, kw], linear [out, in].
            let layers: [(String, [Int])] = [
                ("features.0", [64, 3, 11, 11]), ("features.3", [192, 64, 5, 5]),
                ("features.6", [384, 192, 3, 3]), ("features.8", [256, 384, 3, 3]),
                ("features.10", [256, 256, 3, 3]), ("classifier.1", [4096, 9216]),
                ("classifier.4", [4096, 4096]), ("classifier.6", [1000, 4096]),
            ]
            return SafeTensorsFixture(entries: layers.flatMap { key, shape in
                [Entry(name: key + ".weight", shape: shape), Entry(name: key + ".bias", shape: [shape[0]])]
            })
        }
    }

    mutating func modify(_ name: String, _ change: (inout Entry) -> Void) {
        guard let index = entries.firstIndex(where: { $0.name == name }) else { return }
        change(&entries[index])
    }

    var header: String {
        var offset = 0
        let members = entries.map { entry -> String in
            let end = offset + entry.shape.reduce(1, *) * entry.bytesPerElement
            defer { offset = end }
            return "\"\(entry.name)\":{\"dtype\":\"\(entry.dtype)\",\"shape\":[\(entry.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(end)]}"
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    var dataBytes: Int { entries.reduce(0) { $0 + $1.shape.reduce(1, *) * $1.bytesPerElement } }

    /// Writes the file; `keepingDataBytes` cuts the data short to make a truncated file.
    /// Tensors named in `values` get those float32 values; the rest read as zeros.
    func write(to path: String, keepingDataBytes: Int? = nil, values: [String: [Float]] = [:]) throws {
        var header = Array(self.header.utf8)
        // The format pads the header with spaces to a multiple of 8 bytes.
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init)
        bytes += header
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.truncate(atOffset: UInt64(bytes.count + (keepingDataBytes ?? dataBytes)))
        var offset = bytes.count
        for entry in entries {
            if let floats = values[entry.name] {
                try handle.seek(toOffset: UInt64(offset))
                try handle.write(contentsOf: floats.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) })
            }
            offset += entry.shape.reduce(1, *) * entry.bytesPerElement
        }
    }
}
