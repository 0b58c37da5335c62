import Foundation
import Testing
@testable import Engine

@Suite struct AvailableCoresTests {
    @Test func affinityMaskCountsItsBits() {
        #expect(AvailableCores.affinityCount(status: "Name:\tx\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n") == 2)
        // Two 32-bit words: CPUs 0, 4-7 and 32.
        #expect(AvailableCores.affinityCount(status: "Cpus_allowed:\t00000001,000000f1\n") == 6)
        #expect(AvailableCores.affinityCount(status: "Name:\tx\n") == nil)
    }

    @Test func quotaIsRoundedUpToWholeCores() {
        #expect(AvailableCores.quotaCores(cpuMax: "max 100000\n") == nil)
        #expect(AvailableCores.quotaCores(cpuMax: "150000 100000\n") == 2)
        #expect(AvailableCores.quotaCores(cpuMax: "50000 100000") == 1)
        #expect(AvailableCores.quotaCores(cpuMax: "400000 100000") == 4)
    }

    @Test func theSmallestQuotaOnTheWayToTheRootBinds() {
        let files = ["/sys/fs/cgroup/a/b/cpu.max": "max 100000", "/sys/fs/cgroup/a/cpu.max": "300000 100000",
                     "/sys/fs/cgroup/cpu.max": "800000 100000"]
        #expect(AvailableCores.cgroupQuota(cgroupFile: "0::/a/b\n", readFile: { files[$0] }) == 3)
        #expect(AvailableCores.cgroupQuota(cgroupFile: "0::/\n", readFile: { files[$0] }) == 8)
        #expect(AvailableCores.cgroupQuota(cgroupFile: "1:cpu:/\n", readFile: { files[$0] }) == nil)
    }

    /// cgroup v1: the `cpu` controller's line, quota over period rounded up, -1 no limit; the
    /// directory named by the line need not exist (a container's own cgroup is the mount's root).
    @Test func cgroupV1QuotaIsReadFromTheCpuController() {
        let v1 = "/sys/fs/cgroup/cpu,cpuacct"
        let files = ["\(v1)/cpu.cfs_quota_us": "150000\n", "\(v1)/cpu.cfs_period_us": "100000\n",
                     "\(v1)/kube/pod/cpu.cfs_quota_us": "-1\n", "\(v1)/kube/pod/cpu.cfs_period_us": "100000\n"]
        let cgroup = "12:memory:/kube/pod\n4:cpu,cpuacct:/kube/pod\n1:name=systemd:/kube/pod\n"
        #expect(AvailableCores.cgroupQuota(cgroupFile: cgroup, readFile: { files[$0] }) == 2)
        #expect(AvailableCores.cgroupQuota(cgroupFile: "4:cpu,cpuacct:/docker/abc\n", readFile: { files[$0] }) == 2)
        #expect(AvailableCores.cgroupQuota(cgroupFile: "12:memory:/a\n", readFile: { files[$0] }) == nil)
        // A hybrid system: cgroup v2 mounted without the cpu controller, v1's quota binds.
        #expect(AvailableCores.cgroupQuota(cgroupFile: "0::/kube/pod\n" + cgroup, readFile: { files[$0] }) == 2)
        #expect(AvailableCores.quotaCores(cfsQuota: "-1", cfsPeriod: "100000") == nil)
        #expect(AvailableCores.quotaCores(cfsQuota: "250000\n", cfsPeriod: "100000\n") == 3)
    }

    /// `nproc` counts the CPUs of the affinity mask; under `taskset -c 0` it is 1.
    @Test(arguments: [nil, "0"] as [String?])
    func countIsNoMoreThanTheAffinityMaskAllows(cpus: String?) throws {
        #if os(Linux)
        func run(_ arguments: [String]) throws -> String {
            let process = Process()
            let pipe = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
        let taskset = cpus.map { ["taskset", "-c", $0] } ?? []
        let nproc = try #require(Int(try run(taskset + ["nproc"]).trimmingCharacters(in: .whitespacesAndNewlines)))
        let status = try run(taskset + ["cat", "/proc/self/status"])
        #expect(AvailableCores.affinityCount(status: status) == nproc)
        if cpus == nil { #expect(AvailableCores.count() <= nproc && AvailableCores.count() >= 1) }
        #endif
    }
}
