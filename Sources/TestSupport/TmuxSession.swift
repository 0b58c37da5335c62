import Foundation

/// A private tmux server running one program in a pane of a given size, for end-to-end tests of
/// the full-screen explorer: send keys, read the screen, resize, signal the program, and learn
/// how it exited and in what state it left the terminal.
///
/// The program runs under a small bash wrapper that records the program's exit status and the
/// terminal modes (`stty -a`) after it exits, then keeps the pane open so the screen it left
/// behind can still be captured. bash, not sh: bash keeps going when a program it waits for
/// handles Ctrl-C itself, so the status is recorded.
public final class TmuxSession {
    /// Whether tmux is installed (`.ci/run` installs it in CI).
    public static let isAvailable: Bool = executablePath("tmux") != nil

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    private let socket: String
    private let directory: URL
    private static let counter = Counter()

    /// Starts `arguments` (program first) in a detached `width` x `height` pane, with exactly
    /// `environment` on top of a minimal one (PATH, HOME); `workingDirectory` is its cwd.
    public init(arguments: [String], environment: [String: String], width: Int = 120, height: Int = 40,
                workingDirectory: String) throws {
        socket = "alexnet-tui-test-\(getpid())-\(TmuxSession.counter.next())"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Job control (`set -m`) gives the program its own process group in the foreground, as
        // an interactive shell does, so that Ctrl-Z stops it (an orphaned group ignores it);
        // a stopped program is brought back with `fg` once the test calls `continueProgram`.
        // A watchdog ends the server if the test process dies without calling `close`.
        let wrapper = """
            ( while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; tmux -L \(socket) kill-server ) \
              > /dev/null 2>&1 < /dev/null &
            echo $! > "$0/watchdog.pid"; set -m; echo $$ > "$0/shell.pid"; "$@"; status=$?
            while [ -n "$(jobs -s)" ]; do
              while [ ! -e "$0/continue" ]; do sleep 0.02; done; rm "$0/continue"; fg > /dev/null; status=$?
            done
            stty -a > "$0/stty"; echo $status > "$0/status.part"; mv "$0/status.part" "$0/status"
            printf '\\nexited with status %s\\n' "$status"; exec sleep 3600
            """
        var variables = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                         "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp"]
        variables.merge(environment) { $1 }
        let command = ["env", "-i"] + variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + ["bash", "--norc", "--noprofile", "-c", wrapper, directory.path] + arguments
        try tmux(["new-session", "-d", "-s", "s", "-x", "\(width)", "-y", "\(height)", "-c", workingDirectory]
                 + command)
    }

    /// Presses keys, named as tmux names them (`Right`, `PageDown`, `C-c`, `Escape`, `q`).
    public func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "s"] + keys)
    }

    /// Types `text` as it is (`send-keys -l`): characters, or an escape sequence as a terminal
    /// sends it, such as a mouse report.
    public func sendLiteral(_ text: String) throws {
        try tmux(["send-keys", "-t", "s", "-l", text])
    }

    /// The pane's text now, one line per row.
    public func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", "s"])
    }

    /// The pane's text with SGR colour escapes (`capture-pane -e`).
    public func screenWithColors() throws -> String {
        try tmux(["capture-pane", "-p", "-e", "-t", "s"])
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "s", "-x", "\(width)", "-y", "\(height)"])
    }

    /// A tmux format about the pane, e.g. `#{alternate_on}` or `#{cursor_flag}`.
    public func pane(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "s", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `condition` holds; throws with the last screen after `timeout`.
    @discardableResult
    public func waitForScreen(_ what: String, timeout: Double = 20,
                              _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            usleep(15_000)
        }
        throw Failure(description: "timed out after \(timeout) s waiting for \(what); screen:\n\(last)")
    }

    /// Polls the screen until `condition` holds of a screen that has not changed for `still`
    /// seconds (tmux can capture a frame half painted: a new header above the old view);
    /// throws with the last screen after `timeout`.
    @discardableResult
    public func waitForStillScreen(_ what: String, still: Double = 0.3, timeout: Double = 20,
                                   _ condition: (String) -> Bool) throws -> String {
        var previous = "", stableSince = Date()
        return try waitForScreen(what, timeout: timeout) { screen in
            if screen != previous { (previous, stableSince) = (screen, Date()) }
            return condition(screen) && Date().timeIntervalSince(stableSince) > still
        }
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    public func waitFor(_ text: String, timeout: Double = 20) throws -> String {
        try waitForScreen("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// The program's process id (the wrapper shell's child that is not the watchdog).
    public func programID(timeout: Double = 10) throws -> pid_t {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let shell = read("shell.pid").flatMap({ Int32($0) }),
               let watchdog = read("watchdog.pid").flatMap({ Int32($0) }),
               let children = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8),
               let child = children.split(separator: " ").compactMap({ Int32($0) }).first(where: { $0 != watchdog }) {
                return child
            }
            usleep(10_000)
        }
        throw Failure(description: "the program did not start within \(timeout) s")
    }

    /// Brings a program stopped with Ctrl-Z back to the foreground, as `fg` in a shell.
    public func continueProgram() throws {
        try Data().write(to: directory.appendingPathComponent("continue"))
    }

    /// The program's exit status once it has exited; throws if it is still running after `timeout`.
    public func exitStatus(timeout: Double = 30) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = read("status").flatMap({ Int32($0) }) { return status }
            usleep(10_000)
        }
        throw Failure(description: "the program was still running after \(timeout) s; screen:\n\((try? screen()) ?? "")")
    }

    /// `stty -a` as the program left the terminal (after `exitStatus` returned).
    public var terminalModesAfterExit: String { read("stty") ?? "" }

    /// Stops the tmux server and removes the files; the program, if still running, gets SIGHUP.
    public func close() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
        // tmux leaves its socket file behind when the server is killed.
        let socketDirectory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        unlink("\(socketDirectory)/tmux-\(getuid())/\(socket)")
    }

    private func read(_ name: String) -> String? {
        (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs tmux and returns what it printed. Spawned directly rather than with `Process`: the
    /// tmux server forks off the first command and would keep an output pipe open forever, and
    /// it must start with a clean signal mask and default dispositions (a test runs on a
    /// Dispatch thread, which blocks nearly every signal, and children inherit that), or the
    /// programs in its panes could not be stopped, interrupted or hung up.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        guard let path = TmuxSession.executablePath("tmux") else { throw Failure(description: "tmux is not installed") }
        let outputPath = directory.appendingPathComponent("tmux-output-\(TmuxSession.counter.next())").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([path, "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // Without TMUX/TMUX_PANE, so that tests run from inside a tmux session work the same.
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TMUX") }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure(description: "cannot run tmux: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1, errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw Failure(description: "tmux \(arguments.prefix(2).joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    private static func executablePath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    // Unchecked: `value` is only read and written under `lock`.
    private final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
    }
}
