#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Engine

/// Could not write an export: one line naming the file and the reason.
struct ExportError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "\(path): \(reason)" }
}

/// NumPy's `.npy` format, version 1.0: magic, a little-endian header length, a Python dict
/// literal padded with spaces to a 64-byte boundary, then the raw little-endian float32 data.
enum NumpyFile {
    static func encode(_ tensor: Tensor) -> [UInt8] {
        let dims = tensor.shape.dims.map(String.init)
        let shape = dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.joined(separator: ", ") + ")"
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }"
        // Magic (6) + version (2) + length (2) + header + newline is a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let length = UInt16(header.utf8.count)
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8)]
        bytes += Array(header.utf8)
        bytes.reserveCapacity(bytes.count + tensor.count * 4)
        for value in UnsafeBufferPointer(tensor.buffer) {
            let bits = value.bitPattern.littleEndian
            bytes += [UInt8(bits & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8((bits >> 16) & 0xFF), UInt8(bits >> 24)]
        }
        return withExtendedLifetime(tensor) { bytes }
    }
}

/// Netpbm pictures: binary PPM (`P6`) for colour, PGM (`P5`) for grey, 8 bits per sample.
enum NetpbmPicture {
    /// `pixels` holds `width * height * channels` samples, row-major; `channels` is 3 or 1.
    static func encode(width: Int, height: Int, channels: Int, pixels: [UInt8]) -> [UInt8] {
        Array("\(channels == 3 ? "P6" : "P5")\n\(width) \(height)\n255\n".utf8) + pixels
    }

    /// Each source pixel repeated `factor` x `factor` times (nearest neighbour: no smoothing).
    static func upscale(_ pixels: [UInt8], width: Int, height: Int, channels: Int, factor: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(pixels.count * factor * factor)
        for y in 0..<height {
            var row: [UInt8] = []
            row.reserveCapacity(width * factor * channels)
            for x in 0..<width {
                let pixel = pixels[(y * width + x) * channels..<(y * width + x + 1) * channels]
                for _ in 0..<factor { row += pixel }
            }
            for _ in 0..<factor { out += row }
        }
        return out
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, then a rename,
/// so a reader never sees half a file and a failed write leaves no partial file behind.
func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    let temporary = path + ".tmp-\(getpid())"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw ExportError(path: path, reason: String(cString: strerror(errno))) }
    var failure: String?
    do {
        try bytes.withUnsafeBytes { try StreamWriting.writeAll(descriptor, $0) }
    } catch {
        failure = (error as? StreamWriting.Failure)?.reason ?? "\(error)"
    }
    if close(descriptor) != 0, failure == nil {
        unlink(temporary)
        throw ExportError(path: path, reason: String(cString: strerror(errno)))
    }
    if let failure {
        unlink(temporary)
        throw ExportError(path: path, reason: failure)
    }
    guard rename(temporary, path) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        throw ExportError(path: path, reason: reason)
    }
}

/// The picture `p` saves: what the main view shows, one pixel per value, in colour and grey.
struct ExportPicture {
    let name: String
    let width: Int
    let height: Int
    /// `width * height * 3` bytes.
    let rgb: [UInt8]
    /// `width * height` bytes.
    let grey: [UInt8]

    /// The picture of `frame`'s main view: the map's channel as the screen colours it, the input
    /// image, or the occlusion map; nil for other views and layers not computed yet.
    static func make(_ frame: Frame) -> ExportPicture? {
        let network = frame.network
        switch frame.view {
        case .map:
            guard let shown = frame.shownValues() else { return nil }
            let channel = min(frame.state.channel, shown.tensor.shape[2] - 1)
            let scale = shown.scale(channel: channel), map = shown.colorMap
            let plane = Plane(channel: channel, of: shown.tensor)
            var rgb: [UInt8] = [], grey: [UInt8] = []
            for y in 0..<plane.height {
                for x in 0..<plane.width {
                    if let level = scale.level(plane[x, y], levels: 256) {
                        let (r, g, b) = map.table[level]
                        rgb += [r, g, b]
                        grey.append(UInt8(level))
                    } else {
                        rgb += [255, 0, 255]
                        grey.append(0)
                    }
                }
            }
            let suffix = shown.beforeActivation ? "-before-activation" : ""
            return ExportPicture(name: "\(network.name)-\(frame.node.layer.name)-ch\(channel)\(suffix)",
                                 width: plane.width, height: plane.height, rgb: rgb, grey: grey)
        case .input:
            let input = frame.run.input
            guard input.shape.isFeatureMap, input.shape[2] == 3 else { return nil }
            let mapping = ImageRenderer.byteMapping(for: frame.context.inputNormalization, image: input)
            var rgb: [UInt8] = [], grey: [UInt8] = []
            for pixel in 0..<input.shape[0] * input.shape[1] {
                let bytes = (0..<3).map { channel -> UInt8 in
                    let value = input.data[pixel * 3 + channel] * mapping[channel].0 + mapping[channel].1
                    return value.isFinite ? UInt8(min(max(value, 0), 255).rounded()) : 0
                }
                rgb += bytes
                // Rec. 601 luma.
                let red: Float = 0.299 * Float(bytes[0]), green: Float = 0.587 * Float(bytes[1])
                let blue: Float = 0.114 * Float(bytes[2])
                grey.append(UInt8((red + green + blue).rounded()))
            }
            return ExportPicture(name: "\(network.name)-input", width: input.shape[1], height: input.shape[0],
                                 rgb: rgb, grey: grey)
        case .occlusion:
            guard let map = frame.occlusion.result else { return nil }
            let drops = Tensor(shape: Shape(map.rows, map.columns, 1), values: map.drops)
            let scale = ValueScale.symmetric(ActivationStats(drops))
            var rgb: [UInt8] = [], grey: [UInt8] = []
            for value in map.drops {
                let level = scale.level(value, levels: 256) ?? 128
                let (r, g, b) = ColorMap.diverging.table[level]
                rgb += [r, g, b]
                grey.append(UInt8(level))
            }
            return ExportPicture(name: "\(network.name)-occlusion", width: map.columns, height: map.rows, rgb: rgb, grey: grey)
        default:
            return nil
        }
    }
}
