import Foundation
import Testing
@testable import Explorer

/// Compares a screen with `Snapshots/<name>.txt`: its lines, then (for colour screens) every
/// cell's colours and attributes as run-length encoded style numbers with a legend, so a colour
/// regression fails as surely as a text one. `RECORD_SNAPSHOTS=1` rewrites the files; otherwise a
/// missing file fails.
func assertSnapshot(_ buffer: ScreenBuffer, named name: String, includeStyles: Bool,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = directory.appendingPathComponent(name + ".txt")
    let actual = snapshotText(buffer, includeStyles: includeStyles)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        do {
            try actual.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("could not record \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("missing snapshot \(file.lastPathComponent); run with RECORD_SNAPSHOTS=1 to record it",
                     sourceLocation: sourceLocation)
        return
    }
    guard actual != expected else { return }
    let (actualLines, expectedLines) = (actual.split(separator: "\n", omittingEmptySubsequences: false),
                                        expected.split(separator: "\n", omittingEmptySubsequences: false))
    let firstDifference = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(actualLines.count, expectedLines.count)
    let line = { (lines: [Substring]) in firstDifference < lines.count ? String(lines[firstDifference]) : "<none>" }
    Issue.record("""
        snapshot \(name) differs at line \(firstDifference + 1):
          expected: \(line(expectedLines))
          actual:   \(line(actualLines))
        """, sourceLocation: sourceLocation)
}

/// The text a snapshot file holds.
func snapshotText(_ buffer: ScreenBuffer, includeStyles: Bool) -> String {
    var text = buffer.lines.joined(separator: "\n") + "\n"
    guard includeStyles else { return text }
    var legend: [String] = []
    var numbers: [String: Int] = [:]
    var rows: [String] = []
    for y in 0..<buffer.height {
        var runs: [String] = []
        var current = -1, length = 0
        for x in 0..<buffer.width {
            let key = describeStyle(buffer[x, y])
            let number: Int
            if let known = numbers[key] {
                number = known
            } else {
                number = legend.count
                numbers[key] = number
                legend.append(key)
            }
            if number == current {
                length += 1
            } else {
                if length > 0 { runs.append("\(length)x\(current)") }
                (current, length) = (number, 1)
            }
        }
        if length > 0 { runs.append("\(length)x\(current)") }
        rows.append("\(y): " + runs.joined(separator: " "))
    }
    text += "--- styles\n"
    text += legend.enumerated().map { "s\($0.offset) \($0.element)" }.joined(separator: "\n") + "\n"
    text += "--- rows (count x style)\n" + rows.joined(separator: "\n") + "\n"
    return text
}

private func describeStyle(_ cell: Cell) -> String {
    func color(_ c: CellColor) -> String {
        switch c {
        case .terminalDefault: "default"
        case .role(let role): "\(role)"
        case let .rgb(r, g, b): "#" + [r, g, b].map { String(format: "%02x", $0) }.joined()
        }
    }
    var attributes: [String] = []
    if cell.attributes.contains(.bold) { attributes.append("bold") }
    if cell.attributes.contains(.dim) { attributes.append("dim") }
    if cell.attributes.contains(.reverse) { attributes.append("reverse") }
    if cell.attributes.contains(.underline) { attributes.append("underline") }
    return "fg=\(color(cell.foreground)) bg=\(color(cell.background))"
        + (attributes.isEmpty ? "" : " " + attributes.joined(separator: ","))
}
