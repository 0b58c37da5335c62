import Foundation

/// Per-frame timings for the redraw benchmark (`scripts/benchmark_redraw.sh`), written when
/// `ALEXNET_TUI_TRACE=<file>` is set; one line per frame:
/// `frame=N cause=key|resize|change|start|signal width=W height=H handle_ms=… render_ms=… paint_ms=… cells=… wall_ns=…`
/// where `handle_ms` is the time the app took for the keys of this frame and `wall_ns` the
/// wall-clock time when the frame reached the terminal (to measure launch to first screen).
/// A first line `start wall_ns=…` marks the front end taking over (the model is loaded by then).
final class FrameTrace {
    enum Cause: String { case start, key, resize, change, signal }

    private let file: UnsafeMutablePointer<FILE>
    private var frame = 0

    /// nil unless the environment asks for a trace.
    init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let path = environment["ALEXNET_TUI_TRACE"], !path.isEmpty,
              let file = fopen(path, "w") else { return nil }
        self.file = file
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Marks the moment the front end starts, before curses.
    func recordStart() {
        fputs("start wall_ns=\(FrameTrace.wallNanoseconds())\n", file)
        fflush(file)
    }

    func record(cause: Cause, width: Int, height: Int, handleNanoseconds: UInt64,
                renderNanoseconds: UInt64, paintNanoseconds: UInt64, cells: Int) {
        frame += 1
        let line = "frame=\(frame) cause=\(cause.rawValue) width=\(width) height=\(height)"
            + " handle_ms=\(milliseconds(handleNanoseconds)) render_ms=\(milliseconds(renderNanoseconds))"
            + " paint_ms=\(milliseconds(paintNanoseconds)) cells=\(cells)"
            + " wall_ns=\(FrameTrace.wallNanoseconds())\n"
        fputs(line, file)
        fflush(file)
    }

    func close() { fclose(file) }

    private static func wallNanoseconds() -> Int {
        var wall = timespec()
        clock_gettime(CLOCK_REALTIME, &wall)
        return Int(wall.tv_sec) * 1_000_000_000 + Int(wall.tv_nsec)
    }

    private func milliseconds(_ nanoseconds: UInt64) -> String {
        String(format: "%.3f", Double(nanoseconds) / 1e6)
    }
}
