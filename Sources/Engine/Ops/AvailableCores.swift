#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many cores this process may run on: the CPUs its affinity mask allows (`taskset`, a
/// container's cpuset) and, under a cgroup CPU quota (`docker --cpus 1.5`; cgroup v2's `cpu.max`
/// or v1's `cpu.cfs_quota_us`), the quota rounded up; whichever is smaller. Threads beyond it
/// would only take turns on the same cores.
public enum AvailableCores {
    /// At least 1.
    public static func count() -> Int {
        #if os(Linux)
        let affinity = read("/proc/self/status").flatMap(affinityCount(status:))
        let quota = read("/proc/self/cgroup").flatMap { cgroupQuota(cgroupFile: $0, readFile: read) }
        let online = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return max(1, [affinity, quota, online > 0 ? online : nil].compactMap { $0 }.min() ?? 1)
        #else
        return max(1, sysconf(_SC_NPROCESSORS_ONLN))
        #endif
    }

    /// The CPUs in `Cpus_allowed:` of `/proc/self/status` (the affinity mask `sched_getaffinity`
    /// returns, written as comma-separated 32-bit hex words), or nil if the line is missing.
    /// NOTE: read from `/proc` because Swift's Glibc module hides `sched_getaffinity` (a GNU
    /// extension) and `syscall` is variadic.
    static func affinityCount(status: String) -> Int? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) else { return nil }
        var count = 0
        for digit in line.dropFirst("Cpus_allowed:".count) where digit != "," && digit != " " && digit != "\t" {
            guard let value = digit.hexDigitValue else { return nil }
            count += value.nonzeroBitCount
        }
        return count > 0 ? count : nil
    }

    /// The cores a cgroup v2 `cpu.max` line allows: `150000 100000` (quota and period in µs) is
    /// 1.5 cores, rounded up to 2; `max 100000` is no limit (nil).
    static func quotaCores(cpuMax: String) -> Int? {
        let fields = cpuMax.split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let quota = Int(fields[0]), let period = Int(fields[1]) else { return nil }
        return cores(quota: quota, period: period)
    }

    /// The cores a cgroup v1 quota allows: `cpu.cfs_quota_us` over `cpu.cfs_period_us`, rounded
    /// up; a quota of -1 is no limit (nil).
    static func quotaCores(cfsQuota: String, cfsPeriod: String) -> Int? {
        let number = { (text: String) in text.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } }
        guard let quota = number(cfsQuota), let period = number(cfsPeriod) else { return nil }
        return cores(quota: quota, period: period)
    }

    /// `quota` µs of CPU time per `period` µs as whole cores, rounded up; nil unless both are
    /// positive (v1 writes -1 for no limit).
    private static func cores(quota: Int, period: Int) -> Int? {
        quota > 0 && period > 0 ? (quota + period - 1) / period : nil
    }

    /// The smallest quota on the way from the process's cgroup up to the root of its hierarchy
    /// (a parent's limit binds its children too), from `/proc/self/cgroup`: cgroup v2's `0::/path`,
    /// or else (no v2 quota: a v1 or hybrid system) cgroup v1's line for the `cpu` controller
    /// (`4:cpu,cpuacct:/path`). A container often sees its own cgroup as the root of the mount
    /// while the line still names its path on the host: the walk up reaches it there.
    static func cgroupQuota(cgroupFile: String, readFile: (String) -> String?) -> Int? {
        let lines = cgroupFile.split(separator: "\n")
        let v2 = lines.first { $0.hasPrefix("0::") }.flatMap { line in
            smallestQuota(root: "/sys/fs/cgroup", path: String(line.dropFirst(3))) { directory in
                readFile(directory + "/cpu.max").flatMap(quotaCores(cpuMax:))
            }
        }
        let v1 = lines.lazy.map { $0.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false) }
            .first { $0.count == 3 && $0[1].split(separator: ",").contains("cpu") }
            .flatMap { fields in
                smallestQuota(root: "/sys/fs/cgroup/" + fields[1], path: String(fields[2])) { directory in
                    guard let quota = readFile(directory + "/cpu.cfs_quota_us"),
                          let period = readFile(directory + "/cpu.cfs_period_us") else { return nil }
                    return quotaCores(cfsQuota: quota, cfsPeriod: period)
                }
            }
        return v2 ?? v1
    }

    /// The smallest of `quota(directory)` from `root + path` up to `root`.
    private static func smallestQuota(root: String, path: String, _ quota: (String) -> Int?) -> Int? {
        var directory = root + (path == "/" ? "" : path)
        var smallest: Int?
        while true {
            if let cores = quota(directory) { smallest = min(smallest ?? cores, cores) }
            guard directory.count > root.count, let slash = directory.lastIndex(of: "/") else { return smallest }
            directory = String(directory[..<slash])
        }
    }

    /// A small text file of the kernel's, or nil if it cannot be read.
    private static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard let bytes = try? StreamReading.read(descriptor, limit: 1 << 16) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
