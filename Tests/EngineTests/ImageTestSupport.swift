import Foundation
import Testing
@testable import Engine

/// Helpers shared by the Netpbm, resize and preprocessing tests.
enum ImageTestSupport {
    /// The repository root, found from this file's path (tests run from any directory).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func samplePath(_ name: String) -> String {
        root.appendingPathComponent("samples").appendingPathComponent(name).path
    }

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent("Tests/EngineTests/Fixtures")
            .appendingPathComponent(name))
    }

    /// A fixture of raw little-endian float32 values.
    static func floatFixture(_ name: String) throws -> [Float] {
        let data = try fixture(name)
        return data.withUnsafeBytes { raw in
            (0..<raw.count / 4).map {
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4,
                                                                         as: UInt32.self)))
            }
        }
    }

    /// Decodes `bytes` as a file called `x.ppm`.
    static func decode(_ bytes: [UInt8], name: String = "x.ppm") throws -> NetpbmImage {
        try bytes.withUnsafeBytes { try NetpbmReader.decode($0, name: name) }
    }

    static func decode(_ text: String, then raster: [UInt8] = []) throws -> NetpbmImage {
        try decode(Array(text.utf8) + raster)
    }
}

extension ImageTestSupport {
    static func fixtureData(path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
