/// A mouse button pressed or the wheel turned, at a cell of the screen; independent of the
/// terminal library that read it. Releases and motion are not events: the explorer acts on
/// presses only, so every click does what one key press does.
public struct MouseEvent: Hashable, Sendable {
    public enum Button: Hashable, Sendable {
        case left, middle, right, wheelUp, wheelDown
    }

    public let button: Button
    /// Zero-based cell: column and row from the top-left corner.
    public let x: Int
    public let y: Int

    public init(_ button: Button, x: Int, y: Int) {
        self.button = button
        self.x = x
        self.y = y
    }

    /// The event an xterm mouse report stands for: `code` is the report's button code (low two
    /// bits the button, 4/8/16 the Shift/Meta/Ctrl modifiers, 32 motion, 64 the wheel),
    /// `column` and `row` are one-based. Nil for a release, motion, or an unknown button.
    init?(code: Int, column: Int, row: Int, released: Bool) {
        guard !released, code & 32 == 0, column >= 1, row >= 1 else { return nil }
        let button: Button
        switch (code & 64 != 0, code & 3) {
        case (false, 0): button = .left
        case (false, 1): button = .middle
        case (false, 2): button = .right
        case (true, 0): button = .wheelUp
        case (true, 1): button = .wheelDown
        default: return nil   // 3: a release in the X10 form; wheel buttons 6 and 7 (sideways)
        }
        self.init(button, x: column - 1, y: row - 1)
    }
}

/// Reads the characters that follow a terminal's mouse prefix (`ESC [ <` or `ESC [ M`, which
/// the front end recognises) one at a time, in either form xterm reports:
/// - SGR (mode 1006, which the explorer asks for): `code;column;row` then `M` (press) or `m`
///   (release), in decimal, so any screen size works;
/// - X10 (mode 1000 alone, for terminals without 1006): three bytes, code + 32, column + 32,
///   row + 32.
///
/// The form is told by the first character: a digit starts SGR. (An X10 report of Ctrl with a
/// button also starts with a digit and is misread; terminals that report the mouse at all have
/// had 1006 for a decade.)
public struct MouseReportDecoder: Sendable {
    private enum State: Sendable {
        case idle
        case sgr(fields: [Int], current: Int?)
        case x10(bytes: [Int])
    }

    private var state = State.idle

    public init() {}

    /// Whether a report has begun and not yet ended: the next characters belong to it.
    public var isReading: Bool {
        if case .idle = state { return false }
        return true
    }

    /// The prefix arrived: the next characters are a report.
    public mutating func begin() {
        state = .sgr(fields: [], current: nil)
    }

    /// What a character did to the report being read.
    public enum Progress: Equatable, Sendable {
        /// The report goes on.
        case reading
        /// The report ended: its event, or nil for a release, motion, or a malformed report
        /// (which ends at the first character that cannot belong to it, and swallows it).
        case finished(MouseEvent?)
    }

    /// Takes the next character of the report.
    public mutating func feed(_ scalar: UInt32) -> Progress {
        switch state {
        case .idle:
            return .finished(nil)
        case let .sgr(fields, current):
            let isDigit = (48...57).contains(scalar)
            if fields.isEmpty, current == nil, !isDigit {
                state = .x10(bytes: [Int(scalar)])
                return .reading
            }
            if isDigit {
                let value = (current ?? 0) * 10 + Int(scalar - 48)
                guard value < 100_000 else { return finish(nil) }
                state = .sgr(fields: fields, current: value)
                return .reading
            }
            guard let current else { return finish(nil) }
            if scalar == 59, fields.count < 2 {   // ;
                state = .sgr(fields: fields + [current], current: nil)
                return .reading
            }
            guard scalar == 77 || scalar == 109, fields.count == 2 else { return finish(nil) }   // M, m
            return finish(MouseEvent(code: fields[0], column: fields[1], row: current, released: scalar == 109))
        case let .x10(bytes):
            let all = bytes + [Int(scalar)]
            guard all.count == 3 else {
                state = .x10(bytes: all)
                return .reading
            }
            // X10 reports a release as button 3, which is no event.
            return finish(MouseEvent(code: all[0] - 32, column: all[1] - 32, row: all[2] - 32, released: false))
        }
    }

    private mutating func finish(_ event: MouseEvent?) -> Progress {
        state = .idle
        return .finished(event)
    }
}
