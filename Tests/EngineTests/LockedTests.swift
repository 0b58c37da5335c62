import Dispatch
import Testing
import Engine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct LockedTests {
    /// Four threads each add 1 to a shared count 2000 times, reading it, yielding the processor,
    /// then writing it back: without mutual exclusion another thread runs between the read and
    /// the write, and its additions are lost. (Under the thread sanitizer, which CI runs this
    /// suite in, a lock it cannot see would also read as a data race.)
    @Test func turnsUnderTheLockLoseNoUpdate() {
        let count = Locked(0)
        let threads = 4
        let additions = 2000
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<additions {
                count.withLock { count in
                    let read = count
                    if read % 64 == 0 { sched_yield() }
                    count = read + 1
                }
            }
        }
        #expect(count.withLock { $0 } == threads * additions)
    }

    @Test func withLockReturnsWhatTheBodyReturnsAndKeepsItsChanges() {
        let names = Locked(["conv1"])
        let countBefore = names.withLock { names in
            defer { names.append("conv2") }
            return names.count
        }
        #expect(countBefore == 1)
        #expect(names.withLock { $0 } == ["conv1", "conv2"])
    }
}
