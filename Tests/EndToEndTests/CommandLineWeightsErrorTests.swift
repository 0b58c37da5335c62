import Foundation
import Testing
import TestSupport

/// Every weights file that cannot be used gives one line naming the file (and the tensor), exit 1.
@Suite struct CommandLineWeightsErrorTests {
    private var chelsea: String { samplesDirectory.appendingPathComponent("chelsea.ppm").path }

    private func run(weights path: String, model: String = "seed") throws -> ProcessResult {
        try ProductBinary.run(["--model", model, "--weights", path, "--report", "json", chelsea], timeout: 60)
    }

    @Test func missingWeightsFile() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("none.safetensors")
        expectOneLineError(try run(weights: path), message: "\(path): cannot open: No such file or directory")
    }

    @Test func headerLengthBeyondTheFile() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.file("short.safetensors",
                                    withUnsafeBytes(of: UInt64(1_000_000).littleEndian, Array.init) + Array("{}".utf8))
        expectOneLineError(try run(weights: path),
                           message: "\(path): header length 1000000 is beyond the file size (10 bytes)")
    }

    @Test func truncatedData() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("truncated.safetensors")
        let fixture = SafeTensorsFixture.preset("seed")
        try fixture.write(to: path, keepingDataBytes: fixture.dataBytes / 2)
        expectOneLineError(try run(weights: path), containing: ["\(path): truncated file", "w6"])
    }

    @Test func wrongKey() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("renamed.safetensors")
        var fixture = SafeTensorsFixture.preset("seed")
        fixture.modify("w3") { $0.name = "conv3_w" }
        try fixture.write(to: path)
        expectOneLineError(try run(weights: path), message: "\(path): missing tensor w3 (expected shape [3, 3, 256, 384])")
    }

    @Test func wrongShape() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("shape.safetensors")
        var fixture = SafeTensorsFixture.preset("seed")
        fixture.modify("w6") { $0.shape = [18816, 4095] }
        try fixture.write(to: path)
        expectOneLineError(try run(weights: path), message: "\(path): tensor w6 has shape [18816, 4095], expected [18816, 4096]")
    }

    @Test func wrongDtype() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("dtype.safetensors")
        var fixture = SafeTensorsFixture.preset("seed")
        fixture.modify("w2") { $0.dtype = "I32" }
        try fixture.write(to: path)
        expectOneLineError(try run(weights: path), message: "\(path): tensor w2 has dtype I32, expected F32, F16 or BF16")
    }

    @Test func seedWeightsForTheAlexNetModel() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("seed.safetensors")
        try SafeTensorsFixture.preset("seed").write(to: path)
        expectOneLineError(try run(weights: path, model: "alexnet"), message: "\(path): missing tensor features.0.weight (expected shape [64, 3, 11, 11])")
    }
}
