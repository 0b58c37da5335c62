import Testing
@testable import Engine

/// Every raster encoding hands back the file's pages as it decodes them (`releaseConsumed`),
/// so that a huge image never holds its whole file and its samples in memory at once.
@Suite struct NetpbmReleaseTests {
    /// Decodes `bytes` with a small release interval; returns the image and the offsets reported.
    private func decodeReporting(_ bytes: [UInt8], interval: Int) throws -> (NetpbmImage, [Int]) {
        var offsets: [Int] = []
        let image = try bytes.withUnsafeBytes { raw in
            var scanner = NetpbmScanner(bytes: raw, file: "x")
            scanner.releaseInterval = interval
            scanner.releaseConsumed = { offsets.append($0) }
            return try scanner.image()
        }
        return (image, offsets)
    }

    /// 64 x 64 pixels of `pixel`, in the form `magic` gives.
    private static func file(_ magic: String) -> [UInt8] {
        let side = 64
        let header = Array("\(magic)\n\(side) \(side)\n".utf8)
        let count = side * side
        switch magic {
        case "P1": return header + Array(String(repeating: "0 1\n", count: count / 2).utf8)
        case "P2": return header + Array("255\n".utf8) + Array(String(repeating: "17 250\n", count: count / 2).utf8)
        case "P3": return header + Array("255\n".utf8) + Array(String(repeating: "1 22 255\n", count: count).utf8)
        case "P4": return header + [UInt8](repeating: 0b0101_0101, count: count / 8)
        case "P5": return header + Array("255\n".utf8) + [UInt8](repeating: 9, count: count)
        default: return header + Array("255\n".utf8) + [UInt8](repeating: 9, count: 3 * count)
        }
    }

    @Test("each encoding reports its progress through the file, in order, up to near its end",
          arguments: ["P1", "P2", "P3", "P4", "P5", "P6"])
    func reportsProgress(_ magic: String) throws {
        let bytes = Self.file(magic)
        let interval = 64
        let (image, offsets) = try decodeReporting(bytes, interval: interval)
        #expect(image == (try ImageTestSupport.decode(bytes)))
        // The smallest raster (P4, 512 bytes) still spans several intervals.
        #expect(offsets.count >= 4, "offsets: \(offsets)")
        #expect(zip(offsets, offsets.dropFirst()).allSatisfy { $0 < $1 }, "offsets: \(offsets)")
        #expect(offsets.allSatisfy { $0 <= bytes.count })
        // Samples are at most 10 bytes in these files, rows 8 bytes: the last report is within
        // an interval and one of them of the end.
        #expect(offsets.last.map { bytes.count - $0 <= interval + 10 } == true,
                "last \(offsets.last ?? -1) of \(bytes.count)")
    }
}
