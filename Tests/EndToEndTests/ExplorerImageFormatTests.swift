import Foundation
import Testing
import TestSupport

extension ExplorerEndToEndTests {
    /// The explorer opens a JPEG and a PNG as it opens a PPM: the header names the file and its
    /// size, and `q` quits with status 0.
    @Suite struct ExplorerImageFormatTests {
        @Test(arguments: ["samples/chelsea.jpg", "samples/chelsea.png"])
        func explorerOpens(path: String) throws {
            let session = try launch([path, "--model", "alexnet"])
            defer { session.close() }
            let screen = try settle(session)
            let header = screen.split(separator: "\n").first ?? ""
            for part in [path, "451x300"] {
                #expect(header.contains(part), "no \(part) in the header: \(header)")
            }
            try session.send("q")
            try expectExit(session, status: 0)
        }
    }
}
