/// The files the engine has memory-mapped, with the address range each occupies.
///
/// A mapped file that shrinks while mapped (truncated, or rewritten in place by another program)
/// makes the next read of a page beyond its new end fault: the kernel sends SIGBUS, and the
/// process dies unless something handles it. The engine reads weights straight from their mapping
/// in its hottest loops and cannot check every load, and it knows nothing of signals; instead it
/// records here which address ranges belong to which file, so that a front end can tell such a
/// fault (an address inside a mapping) from a crash, and report the file.
///
/// A signal handler cannot call into Swift (locks, allocation, reference counting), so a front
/// end that reports from one subscribes with `observe` and keeps its own async-signal-safe copy
/// of the ranges, with its message for each prepared in advance.
public enum FileMappings {
    /// One mapped file: `byteCount` bytes from `start`.
    public struct Mapping: Sendable, Hashable {
        /// The path as the user gave it.
        public let file: String
        /// What the file was opened as.
        public let kind: FileError.Kind
        /// Address of the first mapped byte.
        public let start: UInt
        public let byteCount: Int

        /// Whether `address` lies inside the mapping.
        public func contains(_ address: UInt) -> Bool {
            address >= start && address - start < UInt(byteCount)
        }

        /// What a fault inside the mapping means: the file no longer holds the bytes it had when
        /// it was mapped.
        public var faultError: FileError {
            FileError(kind, file: file, "the file changed or shrank while in use")
        }
    }

    /// Told of every mapping as it is made and before it is removed. Calls come from whichever
    /// thread maps or unmaps, one at a time, in order; an observer must not call back into
    /// `FileMappings`.
    public protocol Observer: AnyObject, Sendable {
        /// `mapping` is about to be read: from now on a fault inside it is the file's.
        func didMap(_ mapping: Mapping)
        /// `mapping` is about to be unmapped: its addresses may soon belong to something else.
        func willUnmap(_ mapping: Mapping)
    }

    private struct State {
        var mappings: [Mapping] = []
        var observers: [any Observer] = []
    }

    private static let state = Locked(State())

    /// Subscribes `observer` for the rest of the process's life; it is told at once of the
    /// mappings that exist already.
    public static func observe(_ observer: any Observer) {
        state.withLock { state in
            state.observers.append(observer)
            for mapping in state.mappings { observer.didMap(mapping) }
        }
    }

    /// The mappings that exist now.
    public static var current: [Mapping] {
        state.withLock { $0.mappings }
    }

    /// The mapping that holds `address`, if any.
    public static func mapping(containing address: UnsafeRawPointer) -> Mapping? {
        let address = UInt(bitPattern: address)
        return state.withLock { state in state.mappings.first { $0.contains(address) } }
    }

    static func add(_ mapping: Mapping) {
        state.withLock { state in
            state.mappings.append(mapping)
            for observer in state.observers { observer.didMap(mapping) }
        }
    }

    static func remove(_ mapping: Mapping) {
        state.withLock { state in
            for observer in state.observers { observer.willUnmap(mapping) }
            if let index = state.mappings.firstIndex(of: mapping) { state.mappings.remove(at: index) }
        }
    }
}
