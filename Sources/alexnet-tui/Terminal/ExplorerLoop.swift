import Explorer
import Foundation

/// Runs the explorer full-screen until the user quits or a signal ends it; returns the exit
/// status (0 for `q`/Esc, 128 + signal for SIGINT/Ctrl-C, SIGTERM, SIGHUP). The terminal is
/// restored on every path out of this function, thrown errors included.
func runExplorer(_ app: ExplorerApp) throws -> Int32 {
    let trace = FrameTrace()
    defer { trace?.close() }
    trace?.recordStart()
    let unicode = TerminalEnvironment.localeIsUTF8()   // also `setlocale`, before curses starts
    let entry = try TerminalEnvironment().terminfoEntry().get()
    // Before `newterm`, so that ncurses keeps its own handlers off these signals.
    let signals = try SignalPipe(routing: [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT])
    defer { signals.restoreDefaults() }
    let screen = try CursesScreen(entry: entry, unicode: unicode, mode: app.colorMode)
    defer { screen.close() }
    var loop = ExplorerLoop(app: app, screen: screen, signals: signals, trace: trace)
    return loop.run()
}

/// Waits for keys, signals and background progress, lets the app adopt finished work (`tick`),
/// and repaints when any of them changed what the app shows.
private struct ExplorerLoop {
    let app: ExplorerApp
    let screen: CursesScreen
    let signals: SignalPipe
    let trace: FrameTrace?

    /// How long to wait for input before checking `app.changeCount` for background progress.
    private static let pollMilliseconds: Int32 = 50

    mutating func run() -> Int32 {
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signals.readDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        var cause: FrameTrace.Cause? = .start
        var handleNanoseconds: UInt64 = 0
        var shownChangeCount = app.changeCount
        while true {
            // Finished background work is adopted here, never while drawing.
            app.tick()
            if let frameCause = cause {
                draw(cause: frameCause, handleNanoseconds: handleNanoseconds)
                cause = nil
                handleNanoseconds = 0
            }
            _ = poll(&descriptors, 2, Self.pollMilliseconds)

            for signal in signals.drain() {
                switch signal {
                case SIGINT: return 128 + SIGINT
                case SIGTERM: return 128 + SIGTERM
                case SIGHUP: return 128 + SIGHUP
                case SIGTSTP:
                    screen.suspend()
                    signals.stopUntilContinued()
                    screen.resume()
                    cause = .signal
                default:   // SIGCONT: stopped by someone else; the shell may have drawn meanwhile.
                    screen.invalidate()
                    cause = .signal
                }
            }

            let keysStart = FrameTrace.now()
            var readKeys = false
            while let key = screen.nextKey() {
                readKeys = true
                if key == .resize {
                    screen.invalidate()
                    cause = .resize
                }
                let result = app.handle(key)
                if key == .interrupt { return 128 + SIGINT }
                switch result {
                case .quit: return 0
                case .handled: cause = cause ?? .key
                case .ignored: break
                }
            }
            if readKeys { handleNanoseconds = FrameTrace.now() - keysStart }

            if app.changeCount != shownChangeCount {
                shownChangeCount = app.changeCount
                cause = cause ?? .change
            }
        }
    }

    private func draw(cause: FrameTrace.Cause, handleNanoseconds: UInt64) {
        let (width, height) = screen.size
        let renderStart = FrameTrace.now()
        let buffer = app.render(width: width, height: height)
        let paintStart = FrameTrace.now()
        let cells = screen.paint(buffer, mode: app.colorMode)
        let paintEnd = FrameTrace.now()
        trace?.record(cause: cause, width: width, height: height, handleNanoseconds: handleNanoseconds,
                      renderNanoseconds: paintStart - renderStart, paintNanoseconds: paintEnd - paintStart,
                      cells: cells)
    }
}
