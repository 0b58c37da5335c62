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

/// The JPEG and PNG fixtures of `scripts/make_image_fixtures.py`.
extension ImageTestSupport {
    static func imageFixturePath(_ name: String) -> String {
        root.appendingPathComponent("Tests/EngineTests/Fixtures/Images").appendingPathComponent(name).path
    }

    /// Expects `image` to hold exactly the pixels Pillow's `convert("RGB")` gave for the fixture
    /// `name` (its `.pil.ppm`); a grey image stands for R = G = B.
    static func expectPillowPixels(_ image: NetpbmImage, fixture name: String,
                                   sourceLocation: SourceLocation = #_sourceLocation) throws {
        let pil = try NetpbmReader.read(path: imageFixturePath("\(name).pil.ppm"))
        #expect(image.maxValue == 255, sourceLocation: sourceLocation)
        #expect((image.width, image.height) == (pil.width, pil.height), sourceLocation: sourceLocation)
        guard image.samples.count * 3 / image.channels == pil.samples.count else { return }
        let rgb = image.channels == 3 ? image.samples : image.samples.flatMap { [$0, $0, $0] }
        let differing = zip(rgb, pil.samples).filter { $0 != $1 }.count
        #expect(differing == 0, "\(name): \(differing) of \(rgb.count) samples differ from Pillow's",
                sourceLocation: sourceLocation)
    }

    /// Decodes the fixture `file` with `decode`, recording the offsets it reports as consumed;
    /// expects Pillow's pixels of `fixture` and offsets that only grow, within the file.
    static func expectConsumedOffsetsGrow(
        _ file: String, fixture: String,
        decode: (UnsafeRawBufferPointer, @escaping (Int) -> Void) throws -> NetpbmImage,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let bytes = try Self.fixture("Images/\(file)")
        final class Offsets { var values: [Int] = [] }
        let offsets = Offsets()
        let image = try bytes.withUnsafeBytes { try decode($0, { offsets.values.append($0) }) }
        try expectPillowPixels(image, fixture: fixture, sourceLocation: sourceLocation)
        let values = offsets.values
        #expect(!values.isEmpty && values == values.sorted() && Set(values).count == values.count,
                "\(values)", sourceLocation: sourceLocation)
        #expect((values.last ?? 0) <= bytes.count, sourceLocation: sourceLocation)
    }

    /// Expects reading the fixture `name` to fail with `reason`.
    static func expectFixtureError(_ name: String, _ reason: String,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        let path = imageFixturePath(name)
        #expect(throws: FileError(.image, file: path, reason), sourceLocation: sourceLocation) {
            try ImageReader.read(path: path)
        }
    }
}
