import Foundation
import Testing
@testable import Engine

/// The loader against files written by the safetensors library (fixture) and by hand, including
/// every kind of broken file, each with its exact one-line message.
@Suite struct SafeTensorsFileTests {
    @Test func roundTripsWrittenTensors() throws {
        let path = temporaryWeightsPath("roundtrip.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let a = Tensor(shape: Shape(2, 3), values: [1, -2, 3.5, 0, .infinity, -0.25])
        let b = Tensor(shape: Shape(17), values: (0..<17).map { Float($0) / 7 })
        try writeSafeTensors([("layer.weight", a), ("b", b)], to: path)
        let file = try SafeTensorsFile(path: path)
        #expect(file.names == ["layer.weight", "b"])
        #expect(file.shape(of: "b") == Shape(17))
        #expect(try file.tensor("layer.weight", shape: Shape(2, 3)).toArray() == a.toArray())
        #expect(try file.tensor("b", shape: Shape(17)).toArray() == b.toArray())
    }

    @Test func writerAlignsTheDataRegionToEightBytes() throws {
        let path = temporaryWeightsPath("aligned.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeSafeTensors([("x", Tensor(zeros: Shape(3)))], to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let headerLength = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(headerLength % 8 == 0)
        #expect(bytes.count == 8 + headerLength + 12)
    }

    /// F32 tensors are views of the mapped file: two of them lie exactly as far apart in memory
    /// as in the file, and reading them copies nothing.
    @Test func alignedF32TensorsBorrowTheMappedFile() throws {
        let path = temporaryWeightsPath("zerocopy.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeSafeTensors([("a", Tensor(zeros: Shape(5))), ("b", Tensor(zeros: Shape(3)))], to: path)
        let file = try SafeTensorsFile(path: path)
        let a = try file.tensor("a", shape: Shape(5)), b = try file.tensor("b", shape: Shape(3))
        #expect(b.data - a.data == 5)
        #expect(try file.tensor("a", shape: Shape(5)).data == a.data)
    }

    @Test func tensorsKeepTheMappingAliveAfterTheFileObjectIsGone() throws {
        let path = temporaryWeightsPath("borrow.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeSafeTensors([("x", Tensor(shape: Shape(4), values: [1, 2, 3, 4]))], to: path)
        var file: SafeTensorsFile? = try SafeTensorsFile(path: path)
        let tensor = try file!.tensor("x", shape: Shape(4))
        file = nil
        #expect(tensor.toArray() == [1, 2, 3, 4])
    }

    @Test func convertsHalfAndBFloat16AsTheSafetensorsLibraryWroteThem() throws {
        let file = try SafeTensorsFile(path: modelsFixturePath("safetensors_dtypes.safetensors"))
        let f16 = try file.tensor("f16", shape: Shape(5, 7))
        let expectedF16 = try file.tensor("expected_f16", shape: Shape(5, 7))
        #expect(f16.toArray().map(\.bitPattern) == expectedF16.toArray().map(\.bitPattern))
        #expect(f16[0, 0] == .infinity && f16[0, 1] == 65504 && f16[0, 2] == 0x1p-20)
        #expect(f16[0, 3] == 0 && f16[0, 3].sign == .minus)
        let bf16 = try file.tensor("bf16", shape: Shape(37))
        let expectedBF16 = try file.tensor("expected_bf16", shape: Shape(37))
        #expect(bf16.toArray().map(\.bitPattern) == expectedBF16.toArray().map(\.bitPattern))
        #expect(bf16[0] == -.infinity)
    }

    @Test func copiesF32TensorsThatAreNotFourByteAligned() throws {
        // A 6-byte header puts the data region at offset 14.
        let path = try writeRaw("unaligned.safetensors",
                                header: #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#,
                                padTo: 1, data: floatBytes([1.5, -3]))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try SafeTensorsFile(path: path).tensor("x", shape: Shape(2)).toArray() == [1.5, -3])
    }

    // MARK: errors, one line each, naming file and tensor

    @Test func wrongShapeNamesTheTensorAndBothShapes() throws {
        let path = temporaryWeightsPath("weights.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeSafeTensors([("w6", Tensor(zeros: Shape(3, 4095)))], to: path)
        try expectWeightsError(path + ": tensor w6 has shape [3, 4095], expected [3, 4096]") {
            _ = try SafeTensorsFile(path: path).tensor("w6", shape: Shape(3, 4096))
        }
    }

    @Test func missingTensorNamesTheKeyAndItsShape() throws {
        let path = temporaryWeightsPath("weights.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeSafeTensors([("w1", Tensor(zeros: Shape(1)))], to: path)
        try expectWeightsError(path + ": missing tensor b1 (expected shape [96])") {
            _ = try SafeTensorsFile(path: path).tensor("b1", shape: Shape(96))
        }
    }

    @Test func unexpectedTensorIsNamed() throws {
        let path = temporaryWeightsPath("weights.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeSafeTensors([("w1", Tensor(zeros: Shape(1))), ("extra", Tensor(zeros: Shape(1)))], to: path)
        try expectWeightsError(path + ": unexpected tensor extra: not a weight of the seed model") {
            try SafeTensorsFile(path: path).requireNoTensorsBeyond(["w1"], model: "seed")
        }
    }

    @Test func nonFloatDtypeIsRejectedByName() throws {
        try expectWeightsError(modelsFixturePath("safetensors_dtypes.safetensors") + ": tensor i64 has dtype I64, expected F32, F16 or BF16") {
            _ = try SafeTensorsFile(path: modelsFixturePath("safetensors_dtypes.safetensors")).tensor("i64", shape: Shape(4))
        }
    }

    @Test func unknownDtypeIsRejectedWhenOpening() throws {
        try expectRawFileError(#"{"x":{"dtype":"F12","shape":[1],"data_offsets":[0,4]}}"#, data: floatBytes([0]),
                               "tensor x has unknown dtype F12")
    }

    @Test func truncatedDataNamesTheTensorThatDoesNotFit() throws {
        let path = temporaryWeightsPath("truncated.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeSafeTensors([("a", Tensor(zeros: Shape(2))), ("b", Tensor(zeros: Shape(4)))], to: path)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: try handle.seekToEnd() - 3)
        try handle.close()
        try expectWeightsError(path + ": truncated file: tensor b needs data bytes 8..<24, but the data region holds 21") {
            _ = try SafeTensorsFile(path: path)
        }
    }

    @Test func headerLengthBeyondTheFile() throws {
        let path = temporaryWeightsPath("short.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var bytes = Data()
        withUnsafeBytes(of: UInt64(1000).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: Array("{}".utf8))
        try bytes.write(to: URL(fileURLWithPath: path))
        try expectWeightsError(path + ": header length 1000 is beyond the file size (10 bytes)") {
            _ = try SafeTensorsFile(path: path)
        }
    }

    @Test func headerLengthOverTheLimitIsRejectedBeforeReadingIt() throws {
        let path = temporaryWeightsPath("huge.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var bytes = Data()
        withUnsafeBytes(of: UInt64.max.littleEndian) { bytes.append(contentsOf: $0) }
        try bytes.write(to: URL(fileURLWithPath: path))
        try expectWeightsError(path + ": header length 18446744073709551615 is over the 100 MB limit of safetensors headers") {
            _ = try SafeTensorsFile(path: path)
        }
    }

    @Test func fileTooShortForAHeader() throws {
        let path = temporaryWeightsPath("tiny.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
        try expectWeightsError(path + ": truncated file: 3 bytes, too short for a safetensors header") {
            _ = try SafeTensorsFile(path: path)
        }
        try Data().write(to: URL(fileURLWithPath: path))
        try expectWeightsError(path + ": truncated file: 0 bytes, too short for a safetensors header") {
            _ = try SafeTensorsFile(path: path)
        }
    }

    @Test func malformedHeadersSayWhatIsWrong() throws {
        try expectRawFileError("not json", data: [], "malformed header: unexpected character at byte 8")
        try expectRawFileError("[1, 2]", data: [], "malformed header: not a JSON object")
        try expectRawFileError(#"{"x": {"dtype": "F32""#, data: [], "malformed header: expected ',' or '}' at byte 29")
        try expectRawFileError(#"{"x":1,"x":2}"#, data: [], "malformed header: duplicate key x at byte 15")
        try expectRawFileError(String(repeating: "[", count: 100), data: [], "malformed header: nesting deeper than 64 at byte 72")
        try expectRawFileError(#"{"x":{"dtype":"F32","shape":[1]}}"#, data: [], "malformed header: tensor x has no data_offsets")
        try expectRawFileError(#"{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: floatBytes([0]),
                               "malformed header: tensor x: shape holds something other than a non-negative integer")
        try expectRawFileError(#"{"x":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#, data: floatBytes([0]),
                               "malformed header: tensor x: data_offsets must be [begin, end] with begin <= end")
    }

    @Test func byteCountMustMatchTheShape() throws {
        try expectRawFileError(#"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: floatBytes([0, 0]),
                               "tensor x of shape [3] F32 needs 12 bytes, but its data_offsets span 8")
        try expectRawFileError(#"{"x":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}"#,
                               data: floatBytes([0, 0]),
                               "tensor x of shape [4294967296, 4294967296] F32 needs more bytes than fit in memory, but its data_offsets span 8")
    }

    @Test func overlappingTensorsAreRejected() throws {
        try expectRawFileError(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
                               data: floatBytes([0, 0, 0]), "malformed header: tensors a and b overlap in the data region")
    }

    @Test func metadataIsIgnored() throws {
        let path = try writeRaw("meta.safetensors",
                                header: #"{"__metadata__":{"format":"pt"},"x":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}"#,
                                padTo: 8, data: floatBytes([7]))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try SafeTensorsFile(path: path)
        #expect(file.names == ["x"])
        #expect(try file.tensor("x", shape: Shape([])).toArray() == [7])
    }

    @Test func missingFileAndDirectory() throws {
        try expectWeightsError("/nonexistent/w.safetensors: cannot open: No such file or directory") {
            _ = try SafeTensorsFile(path: "/nonexistent/w.safetensors")
        }
        try expectWeightsError(NSTemporaryDirectory() + ": not a regular file") {
            _ = try SafeTensorsFile(path: NSTemporaryDirectory())
        }
    }

    // MARK: helpers

    private func expectRawFileError(_ header: String, data: [UInt8], _ message: String,
                                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = try writeRaw("raw.safetensors", header: header, padTo: 1, data: data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try expectWeightsError(path + ": " + message, sourceLocation: sourceLocation) { _ = try SafeTensorsFile(path: path) }
    }

    private func writeRaw(_ name: String, header: String, padTo alignment: Int, data: [UInt8]) throws -> String {
        let path = temporaryWeightsPath(name)
        var json = Array(header.utf8)
        while json.count % alignment != 0 { json.append(0x20) }
        var bytes = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: json)
        bytes.append(contentsOf: data)
        try bytes.write(to: URL(fileURLWithPath: path))
        return path
    }

    private func floatBytes(_ values: [Float]) -> [UInt8] {
        values.withUnsafeBytes { Array($0) }
    }
}

/// Expects `body` to throw a weights `FileError` whose one-line text is exactly `message`.
func expectWeightsError(_ message: String, sourceLocation: SourceLocation = #_sourceLocation,
                 _ body: () throws -> Void) throws {
    do {
        try body()
        Issue.record("expected the error \"\(message)\"", sourceLocation: sourceLocation)
    } catch let error as FileError {
        #expect(error.kind == .weights, sourceLocation: sourceLocation)
        #expect(error.description == message, sourceLocation: sourceLocation)
        #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
    }
}

/// A fresh path in the temporary directory; tests run in parallel, so names never collide.
func temporaryWeightsPath(_ name: String) -> String {
    NSTemporaryDirectory() + "models-" + UUID().uuidString + "-" + name
}

/// A committed fixture made by `scripts/make_reference_fixtures.py`.
func modelsFixturePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + name).path
}
