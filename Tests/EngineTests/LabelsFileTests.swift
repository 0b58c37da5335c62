import Foundation
import Testing
import Engine

/// The `--labels` file format, and every way such a file can be unusable.
@Suite struct LabelsFileTests {
    private func parse(_ bytes: [UInt8]) throws -> [String] {
        try bytes.withUnsafeBytes { try LabelsFile.parse($0, name: "labels.txt") }
    }

    private func parse(_ text: String) throws -> [String] { try parse(Array(text.utf8)) }

    private func expectError(_ message: String, sourceLocation: SourceLocation = #_sourceLocation,
                             _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected the error \"\(message)\"", sourceLocation: sourceLocation)
        } catch let error as FileError {
            #expect(error.kind == .labels, sourceLocation: sourceLocation)
            #expect(error.description == message, sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func oneLabelPerLineAndAFinalLineBreakEndsTheLastOne() throws {
        #expect(try parse("cat\ndog\nbird\n") == ["cat", "dog", "bird"])
        #expect(try parse("cat\ndog\nbird") == ["cat", "dog", "bird"])
        #expect(try parse("tabby, tabby cat\n") == ["tabby, tabby cat"])
    }

    @Test func windowsLineEndsAreOneBreak() throws {
        #expect(try parse("cat\r\ndog\r\n") == ["cat", "dog"])
        #expect(try parse("cat\r\ndog") == ["cat", "dog"])
        // A carriage return elsewhere is part of the label.
        #expect(try parse("a\rb\n") == ["a\rb"])
    }

    /// A blank line between labels keeps the lines in step with the class numbers.
    @Test func anEmptyLineBetweenLabelsIsAnEmptyLabel() throws {
        #expect(try parse("a\n\nb\n") == ["a", "", "b"])
        #expect(try parse("a\n \nb") == ["a", " ", "b"])
    }

    /// What an editor or `echo` leaves at the end of a file is not a class.
    @Test func blankLinesAfterTheLastLabelAreNotLabels() throws {
        #expect(try parse("cat\ndog\n\n") == ["cat", "dog"])
        #expect(try parse("cat\ndog\n\n\n") == ["cat", "dog"])
        #expect(try parse("cat\r\ndog\r\n\r\n") == ["cat", "dog"])
        #expect(try parse("cat\n \t\n  \n") == ["cat"])
        #expect(try parse("\n") == [])
        #expect(try parse("\n\n") == [])
        #expect(try parse("") == [])
    }

    @Test func byteOrderMarkIsDroppedAndUTF8Kept() throws {
        #expect(try parse([0xEF, 0xBB, 0xBF] + Array("café\nnaïve\n".utf8)) == ["café", "naïve"])
        #expect(try parse([0xEF, 0xBB, 0xBF]) == [])
    }

    @Test func invalidUTF8IsRejected() {
        expectError("labels.txt: labels file is not UTF-8 text") { _ = try parse([0x6F, 0x6B, 0x0A, 0xFF, 0xFE, 0x0A]) }
        // A sequence cut short by the end of the file.
        expectError("labels.txt: labels file is not UTF-8 text") { _ = try parse([0x61, 0xC3]) }
    }

    @Test func readsAFile() throws {
        let path = NSTemporaryDirectory() + "labels-" + UUID().uuidString + ".txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("goldfish\nshark\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try LabelsFile.read(path: path) == ["goldfish", "shark"])
    }

    @Test func missingFileAndDirectory() {
        expectError("/nonexistent/labels.txt: no such file") { _ = try LabelsFile.read(path: "/nonexistent/labels.txt") }
        let directory = NSTemporaryDirectory()
        expectError("\(directory): is a directory, not a labels file") { _ = try LabelsFile.read(path: directory) }
    }

    /// An endless device is refused after the limit instead of filling memory.
    @Test func endlessStreamStopsAtTheLimit() {
        expectError("/dev/zero: labels file is larger than the limit of \(LabelsFile.maxBytes) bytes") {
            _ = try LabelsFile.read(path: "/dev/zero")
        }
    }
}
