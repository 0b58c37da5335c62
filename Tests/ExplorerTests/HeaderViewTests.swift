import Engine
import Testing
@testable import Explorer

struct HeaderViewTests {
    /// The header names the kernel variant when the program tells it (tests' contexts leave it
    /// out, so that snapshots do not depend on the CPU that runs them).
    @Test func namesTheKernelVariantWhenGiven() throws {
        var context = TestNetwork.context
        context.kernels = "avx2"
        let run = ForwardRun(network: try TestNetwork.make(), input: TestNetwork.input())
        let app = ExplorerApp(run: run, context: context, colorMode: .ascii, clock: ScheduledClock())
        app.waitUntilIdle()
        let header = app.render(width: 160, height: 48).lines[0]
        #expect(header.contains("samples/test.ppm 32x24 │ avx2 kernels") || header.contains("samples/test.ppm 32x24 | avx2 kernels"),
                "\(header)")
        let plain = try TestNetwork.app(colorMode: .ascii).render(width: 160, height: 48).lines[0]
        #expect(!plain.contains("kernels"))
    }
}
