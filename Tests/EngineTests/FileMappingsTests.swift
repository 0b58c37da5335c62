import Foundation
import Synchronization
import Testing
@testable import Engine

/// The registry of mapped files: every file the engine maps is listed, with its path, kind and
/// exact address range, for as long as it is mapped, and observers hear of it in order.
@Suite struct FileMappingsTests {
    /// Records what it is told about one path (tests run in parallel and map other files).
    final class Recorder: FileMappings.Observer {
        enum Event: Equatable { case mapped(FileMappings.Mapping), unmapping(FileMappings.Mapping) }
        let path: String
        private let recorded = Mutex<[Event]>([])
        init(path: String) { self.path = path }
        var events: [Event] { recorded.withLock { $0 } }
        func didMap(_ mapping: FileMappings.Mapping) {
            if mapping.file == path { recorded.withLock { $0.append(.mapped(mapping)) } }
        }
        func willUnmap(_ mapping: FileMappings.Mapping) {
            if mapping.file == path { recorded.withLock { $0.append(.unmapping(mapping)) } }
        }
    }

    private func fileSize(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
    }

    @Test func aWeightsFileIsListedWhileAnyOfItsTensorsIsInUse() throws {
        let path = temporaryWeightsPath("listed.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeSafeTensors([("a", Tensor(zeros: Shape(5))), ("b", Tensor(zeros: Shape(3)))], to: path)
        var tensor: Tensor? = try SafeTensorsFile(path: path).tensor("b", shape: Shape(3))
        // The file object is gone; the borrowed tensor keeps the mapping, and with it the listing.
        let mapping = try #require(FileMappings.mapping(containing: tensor!.data))
        #expect(mapping.file == path)
        #expect(mapping.kind == .weights)
        #expect(mapping.byteCount == (try fileSize(path)))
        // "b" is the last tensor: its last float is the file's last 4 bytes.
        #expect(UInt(bitPattern: tensor!.data + 3) == mapping.start + UInt(mapping.byteCount))
        #expect(FileMappings.current.contains(mapping))
        tensor = nil
        #expect(!FileMappings.current.contains { $0.file == path })
    }

    @Test func anObserverHearsOfMappingsThatExistAlreadyThenOfTheirEnd() throws {
        let path = temporaryWeightsPath("observed.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeSafeTensors([("a", Tensor(zeros: Shape(4)))], to: path)
        let recorder = Recorder(path: path)
        let mapping = try withExtendedLifetime(try SafeTensorsFile(path: path)) { _ in
            FileMappings.observe(recorder)
            let mapping = try #require(FileMappings.current.first { $0.file == path })
            #expect(recorder.events == [.mapped(mapping)])
            return mapping
        }
        #expect(recorder.events == [.mapped(mapping), .unmapping(mapping)])
    }

    @Test func anImageIsListedOnlyWhileItIsDecoded() throws {
        let path = NSTemporaryDirectory() + "mappings-\(UUID().uuidString).pgm"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("P2\n2 1\n255\n0 255\n".utf8).write(to: URL(fileURLWithPath: path))
        let recorder = Recorder(path: path)
        FileMappings.observe(recorder)
        _ = try NetpbmReader.read(path: path)
        guard case .mapped(let mapping) = try #require(recorder.events.first) else {
            Issue.record("first event: \(recorder.events)")
            return
        }
        #expect(mapping.kind == .image)
        #expect(mapping.byteCount == 17)
        #expect(recorder.events == [.mapped(mapping), .unmapping(mapping)])
        #expect(!FileMappings.current.contains(mapping))
    }

    @Test func anEmptyFileMapsNothing() throws {
        let path = temporaryWeightsPath("empty.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let recorder = Recorder(path: path)
        FileMappings.observe(recorder)
        #expect(throws: FileError.self) { try SafeTensorsFile(path: path) }
        #expect(recorder.events.isEmpty)
    }

    @Test func aMappingHoldsExactlyItsBytes() {
        let mapping = FileMappings.Mapping(file: "w.safetensors", kind: .weights, start: 4096, byteCount: 10)
        #expect(!mapping.contains(4095))
        #expect(mapping.contains(4096))
        #expect(mapping.contains(4105))
        #expect(!mapping.contains(4106))
        #expect(!mapping.contains(0))
        #expect(!mapping.contains(.max))
    }

    @Test func aFaultInsideAMappingIsTheFilesProblemInOneLine() {
        let weights = FileMappings.Mapping(file: "w.safetensors", kind: .weights, start: 4096, byteCount: 10)
        #expect(weights.faultError == FileError(weights: "w.safetensors", "the file changed or shrank while in use"))
        #expect(weights.faultError.description == "w.safetensors: the file changed or shrank while in use")
        let image = FileMappings.Mapping(file: "big.ppm", kind: .image, start: 4096, byteCount: 10)
        #expect(image.faultError.kind == .image)
    }
}
