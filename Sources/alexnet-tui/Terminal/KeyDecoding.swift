import CNcursesw
import Explorer

/// What `wget_wch` read, translated to the explorer's `Key`.
enum KeyDecoding {
    /// A function key (`wget_wch` returned `KEY_CODE_YES`); nil for keys the explorer has no use for.
    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case alexnet_key_up(): .up
        case alexnet_key_down(): .down
        case alexnet_key_left(): .left
        case alexnet_key_right(): .right
        case alexnet_key_page_up(): .pageUp
        case alexnet_key_page_down(): .pageDown
        case alexnet_key_home(): .home
        case alexnet_key_end(): .end
        case alexnet_key_enter(): .enter
        case alexnet_key_back_tab(): .backTab
        case alexnet_key_backspace(): .backspace
        case alexnet_key_resize(): .resize
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
