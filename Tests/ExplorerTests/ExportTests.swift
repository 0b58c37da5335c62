import Engine
import Foundation
import Testing
@testable import Explorer

@Suite struct ExportTests {
    /// The header parsed back as NumPy would: magic, version 1.0, little-endian length, a dict
    /// naming '<f4', C order and the shape, padded so the data starts on a 64-byte boundary.
    @Test(arguments: [Shape(2, 3, 4), Shape(5)])
    func npyHeaderDescribesTheTensor(shape: Shape) throws {
        let tensor = Tensor(shape: shape, values: (0..<shape.count).map { Float($0) - 1.5 })
        let bytes = NumpyFile.encode(tensor)
        #expect(Array(bytes[0..<8]) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        let dataStart = 10 + headerLength
        #expect(dataStart % 64 == 0)
        let header = try #require(String(bytes: bytes[10..<dataStart], encoding: .ascii))
        let shapeText = shape.rank == 1 ? "(\(shape[0]),)" : "(" + shape.dims.map(String.init).joined(separator: ", ") + ")"
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }"))
        #expect(header.hasSuffix("\n"))
        #expect(bytes.count == dataStart + 4 * shape.count)
        // Values in order, little-endian float32.
        let values = (0..<shape.count).map { i -> Float in
            let b = bytes[(dataStart + 4 * i)..<(dataStart + 4 * i + 4)].map(UInt32.init)
            return Float(bitPattern: b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24)
        }
        #expect(values == tensor.toArray())
    }

    @Test func picturesAreEnlargedWithoutSmoothing() {
        // 2x1 grey pixels 10, 200 enlarged 3 times: each becomes a 3x3 block.
        let large = NetpbmPicture.upscale([10, 200], width: 2, height: 1, channels: 1, factor: 3)
        #expect(large == [10, 10, 10, 200, 200, 200, 10, 10, 10, 200, 200, 200, 10, 10, 10, 200, 200, 200])
        let file = NetpbmPicture.encode(width: 6, height: 3, channels: 1, pixels: large)
        #expect(Array(file.prefix(11)) == Array("P5\n6 3\n255\n".utf8))
    }

    /// `e` and `p` write into the export directory, leave no temporary file, and say where.
    @Test func keysWriteFilesAtomicallyAndSayWhere() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("teach-export-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let app = try TestNetwork.app()
        app.exportDirectory = directory.path
        app.press(.character("e"))
        let npy = directory.appendingPathComponent("test-conv1.npy").path
        #expect(app.state.message == "saved conv1 12x16x6 float32 to \(npy)")
        #expect(FileManager.default.fileExists(atPath: npy))
        #expect(app.render(width: 160, height: 48).lines[47].contains("saved conv1"))
        app.press(.character("p"))
        let ppm = directory.appendingPathComponent("test-conv1-ch0.ppm").path
        let data = try Data(contentsOf: URL(fileURLWithPath: ppm))
        // 16x12 enlarged 28 times (448 / 16) to 448x336.
        #expect(data.starts(with: Array("P6\n448 336\n255\n".utf8)))
        #expect(data.count == 15 + 448 * 336 * 3)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["test-conv1-ch0.ppm", "test-conv1.npy"])
    }

    @Test func failedWriteSaysWhyAndLeavesNothing() throws {
        let app = try TestNetwork.app()
        app.exportDirectory = "/nonexistent-teach-dir"
        app.press(.character("e"))
        #expect(app.state.message?.hasPrefix("could not save: /nonexistent-teach-dir/test-conv1.npy: ") == true)
    }
}
