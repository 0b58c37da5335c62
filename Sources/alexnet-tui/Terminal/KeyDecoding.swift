import CNcursesw
import Explorer

/// What `wget_wch` read, translated to the explorer's `Key`.
enum KeyDecoding {
    /// A function key (`wget_wch` returned `KEY_CODE_YES`); nil for keys the explorer has no use for.
    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_ENTER: .enter
        case KEY_BTAB: .backTab
        case KEY_BACKSPACE: .backspace
        case KEY_RESIZE: .resize
        default: nil
        }
    }

    /// A character key. Control characters become the keys they stand for; Ctrl-C (3) only
    /// arrives here if the terminal does not turn it into SIGINT.
    static func character(_ scalar: UInt32) -> Key? {
        switch scalar {
        case 3: return .interrupt
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0..<32: return nil
        default: return Unicode.Scalar(scalar).map { .character(Character($0)) }
        }
    }
}
