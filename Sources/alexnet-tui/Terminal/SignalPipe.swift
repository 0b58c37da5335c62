import CNcursesw
import Foundation

/// Routes signals into a non-blocking pipe that the event loop polls next to standard input, so
/// that everything a signal causes (restoring the terminal, suspending, repainting) happens on
/// the loop's thread with ordinary code rather than inside a handler.
///
/// Installed before `newterm`: ncurses only installs its own SIGINT/SIGTERM/SIGTSTP handlers
/// (which `_exit(1)` or suspend behind our back) over default dispositions.
///
/// NOTE: the C handler and the pipe's descriptor are `static` in `shim.h`, which gives every
/// Swift file that calls them its own copy: only this file may call `alexnet_*signal*`.
final class SignalPipe {
    /// Read end, polled by the loop.
    let readDescriptor: Int32
    private let writeDescriptor: Int32
    private let signals: [Int32]

    /// Starts routing `signals` into the pipe.
    init(routing signals: [Int32]) throws {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { throw TerminalProblem("cannot create a pipe for signals") }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
        self.signals = signals
        alexnet_set_signal_pipe(writeDescriptor)
        // A parent may hand down a mask that blocks them (a Dispatch thread spawning us blocks
        // nearly everything); blocked, they would never reach the handler.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in signals {
            _ = alexnet_route_signal(signal, 1)
            sigaddset(&unblocked, signal)
        }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    }

    /// Signals that arrived since the last call, in order.
    func drain() -> [Int32] {
        var bytes = [UInt8](repeating: 0, count: 64)
        var received: [Int32] = []
        while true {
            let count = read(readDescriptor, &bytes, bytes.count)
            guard count > 0 else { break }
            received += bytes[0..<count].map(Int32.init)
        }
        return received
    }

    /// Stops this process the way SIGTSTP's default action would, and returns once it is
    /// continued (`fg`). The caller has already given the terminal back with `endwin`.
    func stopUntilContinued() {
        _ = alexnet_route_signal(SIGTSTP, 0)
        raise(SIGTSTP)
        _ = alexnet_route_signal(SIGTSTP, 1)
    }

    /// Gives every routed signal back its default disposition and closes the pipe. Called
    /// explicitly after the terminal is restored (not from `deinit`).
    func restoreDefaults() {
        for signal in signals { _ = alexnet_route_signal(signal, 0) }
        alexnet_set_signal_pipe(-1)
        close(readDescriptor)
        close(writeDescriptor)
    }
}
