/// A key press, independent of the terminal library that read it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, tab, backTab, escape, backspace
    /// Ctrl-C arriving as a key (raw mode) rather than as SIGINT.
    case interrupt
    /// The terminal changed size.
    case resize
    /// A click or a turn of the wheel (when the terminal reports the mouse).
    case mouse(MouseEvent)
}
