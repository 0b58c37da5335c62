import Foundation

/// A value shared between the UI thread and the engine worker, reached only under a lock: every
/// access to `value` goes through `withLock`, which is why `@unchecked Sendable` is safe.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
