import Foundation
import Testing
@testable import Engine

/// Inputs the fuzzers found (committed under `fuzz/regressions/`) and limits of the parsers that
/// their own tests did not reach: each gives its clean one-line error, never a trap.
@Suite struct ParserRegressionTests {
    /// `fuzz/regressions/<harness>/` in the repository.
    private static func regressionsDirectory(_ harness: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fuzz/regressions/" + harness)
    }

    private static func regressionFiles(_ harness: String) -> [String] {
        let directory = regressionsDirectory(harness)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().map { directory.appendingPathComponent($0).path }
    }

    // MARK: Every committed input, through the API its harness calls

    @Test func everyNetpbmRegressionInputEndsInAnImageErrorOrAnImage() throws {
        for path in Self.regressionFiles("netpbm") {
            do { _ = try NetpbmReader.read(path: path) } catch let error as FileError where error.kind == .image {}
        }
    }

    @Test func everySafeTensorsRegressionInputEndsInAWeightsErrorOrAFile() throws {
        for path in Self.regressionFiles("safetensors") {
            do {
                let file = try SafeTensorsFile(path: path)
                for name in file.names {
                    if let shape = file.shape(of: name) { _ = try? file.tensor(name, shape: shape) }
                }
            } catch let error as FileError where error.kind == .weights {}
        }
    }

    @Test func everyLabelsRegressionInputEndsInALabelsErrorOrLabels() throws {
        for path in Self.regressionFiles("labels") {
            do { _ = try LabelsFile.read(path: path) } catch let error as FileError where error.kind == .labels {}
        }
    }

    // MARK: Found by the safetensors fuzzer

    /// A high surrogate escape followed by one that is not a low surrogate used to overflow
    /// UInt32 while combining the pair.
    @Test func unpairedSurrogateEscapeInATensorName() throws {
        let path = Self.regressionsDirectory("safetensors").appendingPathComponent("unpaired-surrogate-escape.safetensors").path
        // Byte 8 is the header's `{`; the second escape `\u00e9` ends at byte 28.
        try expectWeightsError(path + ": malformed header: unpaired surrogate in \\u escape at byte 28") {
            _ = try SafeTensorsFile(path: path)
        }
    }

    @Test func surrogateEscapesArePairedOrRejected() throws {
        try expectHeader(#"{"\ud83d\ude00":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}"#, names: ["\u{1F600}"])
        try expectHeaderError(#"{"\ud83d":1}"#, "malformed header: unpaired surrogate in \\u escape at byte 16")
        try expectHeaderError(#"{"\ude00x":1}"#, "malformed header: unpaired surrogate in \\u escape at byte 16")
        try expectHeaderError(#"{"\ud83d\u0041":1}"#, "malformed header: unpaired surrogate in \\u escape at byte 22")
    }

    // MARK: Limits before allocation

    @Test func offsetsAtTheTopOfTheIntegerRangeDoNotOverflow() throws {
        let top = Int.max
        try expectHeaderError(#"{"x":{"dtype":"U8","shape":[\#(top)],"data_offsets":[0,\#(top)]}}"#,
                              "truncated file: tensor x needs data bytes 0..<\(top), but the data region holds 4")
        try expectHeaderError(#"{"x":{"dtype":"F32","shape":[1],"data_offsets":[\#(top),9223372036854775808]}}"#,
                              "malformed header: number too large at byte 95")
        // Elements times the dtype's size overflows although the element count does not.
        try expectHeaderError(#"{"x":{"dtype":"F64","shape":[\#(top / 4)],"data_offsets":[0,4]}}"#,
                              "tensor x of shape [\(top / 4)] F64 needs more bytes than fit in memory, but its data_offsets span 4")
    }

    @Test func headerLengthJustOverTheLimit() throws {
        let path = try writeFile("limit.safetensors", withUnsafeBytes(of: UInt64(100_000_001).littleEndian, Array.init) + Array("{}".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try expectWeightsError(path + ": header length 100000001 is over the 100 MB limit of safetensors headers") {
            _ = try SafeTensorsFile(path: path)
        }
    }

    @Test func pamDepthIsBoundedBeforeTheRasterIsSized() {
        // A depth in the billions would make width * height * depth overflow-prone; it is refused
        // from the header.
        let header = "P7\nWIDTH 16384\nHEIGHT 16384\nDEPTH 4000000000\nMAXVAL 65535\nENDHDR\n"
        #expect(throws: FileError(image: "x.pam", .unsupportedTupleType("", depth: 4_000_000_000))) {
            _ = try Array(header.utf8).withUnsafeBytes { try NetpbmReader.decode($0, name: "x.pam") }
        }
    }

    // MARK: Helpers

    private func writeFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = temporaryWeightsPath(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A file of `header` (unpadded) and four data bytes.
    private func writeHeader(_ header: String) throws -> String {
        let json = Array(header.utf8)
        return try writeFile("raw.safetensors", withUnsafeBytes(of: UInt64(json.count).littleEndian, Array.init) + json + [0, 0, 0x80, 0x3F])
    }

    private func expectHeader(_ header: String, names: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = try writeHeader(header)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try SafeTensorsFile(path: path).names == names, sourceLocation: sourceLocation)
    }

    private func expectHeaderError(_ header: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = try writeHeader(header)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try expectWeightsError(path + ": " + message, sourceLocation: sourceLocation) { _ = try SafeTensorsFile(path: path) }
    }
}
