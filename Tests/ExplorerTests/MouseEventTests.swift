import Testing
@testable import Explorer

/// Mouse reports as terminals send them after the prefix (`ESC [ <` or `ESC [ M`), character by
/// character: the SGR form the explorer asks for, and X10 for terminals without it.
@Suite struct MouseEventTests {
    /// Feeds `text` after the prefix; the events that finished reports gave.
    private func decode(_ text: String) -> [MouseEvent?] {
        var decoder = MouseReportDecoder()
        decoder.begin()
        var events: [MouseEvent?] = []
        for scalar in text.unicodeScalars {
            if case .finished(let event) = decoder.feed(scalar.value) {
                events.append(event)
                decoder.begin()
            }
        }
        return events
    }

    @Test func sgrPressesAndTheWheelAreZeroBasedCells() {
        #expect(decode("0;10;5M") == [MouseEvent(.left, x: 9, y: 4)])
        #expect(decode("2;1;1M") == [MouseEvent(.right, x: 0, y: 0)])
        #expect(decode("1;300;120M") == [MouseEvent(.middle, x: 299, y: 119)])
        #expect(decode("64;3;4M") == [MouseEvent(.wheelUp, x: 2, y: 3)])
        #expect(decode("65;3;4M") == [MouseEvent(.wheelDown, x: 2, y: 3)])
        // Shift (4) and Ctrl (16) held: still the left button.
        #expect(decode("20;7;8M") == [MouseEvent(.left, x: 6, y: 7)])
    }

    @Test func releasesMotionAndMalformedReportsAreNoEvents() {
        #expect(decode("0;10;5m") == [nil])          // release
        #expect(decode("32;10;5M") == [nil])         // motion with the button held
        #expect(decode("66;1;1M") == [nil])          // sideways wheel
        #expect(decode("0;10M") == [nil])            // a field missing: ends at M
        #expect(decode("0;;5M") == [nil, nil])       // ends at the second ;, then "5M" is one more bad report
        #expect(decode("0;0;5M") == [nil])           // columns count from 1
    }

    @Test func x10ReportsAreThreeBytesOffsetBy32() {
        // Button 0 at column 10, row 5: 32, 42, 37.
        #expect(decode(" *%") == [MouseEvent(.left, x: 9, y: 4)])
        #expect(decode("`!!") == [MouseEvent(.wheelUp, x: 0, y: 0)])   // 96 = 32 + 64
        #expect(decode("#*%") == [nil])                                  // 3: a release
    }

    @Test func aReportCanArriveInPieces() {
        var decoder = MouseReportDecoder()
        decoder.begin()
        for scalar in "0;12".unicodeScalars { #expect(decoder.feed(scalar.value) == .reading) }
        #expect(decoder.isReading)
        for scalar in ";3".unicodeScalars { #expect(decoder.feed(scalar.value) == .reading) }
        #expect(decoder.feed(77) == .finished(MouseEvent(.left, x: 11, y: 2)))
        #expect(!decoder.isReading)
    }
}
