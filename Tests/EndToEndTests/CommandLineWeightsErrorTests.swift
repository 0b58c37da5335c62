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

    /// One tensor of a seed file changed; the message names it and what was expected.
    struct BrokenTensor: Sendable, CustomTestStringConvertible {
        enum Change: Sendable { case rename(String), shape([Int]), dtype(String) }
        let tensor: String
        let change: Change
        let reason: String
        var testDescription: String { "\(tensor): \(change)" }
    }

    static let brokenTensors: [BrokenTensor] = [
        .init(tensor: "w3", change: .rename("conv3_w"), reason: "missing tensor w3 (expected shape [3, 3, 256, 384])"),
        .init(tensor: "w6", change: .shape([18816, 4095]), reason: "tensor w6 has shape [18816, 4095], expected [18816, 4096]"),
        .init(tensor: "w2", change: .dtype("I32"), reason: "tensor w2 has dtype I32, expected F32, F16 or BF16"),
    ]

    @Test(arguments: brokenTensors)
    func brokenTensorIsNamed(_ broken: BrokenTensor) throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("broken.safetensors")
        var fixture = SafeTensorsFixture.preset("seed")
        fixture.modify(broken.tensor) { entry in
            switch broken.change {
            case let .rename(name): entry.name = name
            case let .shape(shape): entry.shape = shape
            case let .dtype(dtype): entry.dtype = dtype
            }
        }
        try fixture.write(to: path)
        expectOneLineError(try run(weights: path), message: "\(path): \(broken.reason)")
    }
}
