import ArgumentParser
import Engine
import Foundation
import Profiling

/// `alexnet-tui [options] IMAGE`: the explorer, or with `--report` a non-interactive report.
@main
struct AlexNetTUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alexnet-tui",
        abstract: "Step through AlexNet one layer at a time on an image, in the terminal.",
        discussion: HelpText.discussion,
        version: Version.current)

    @OptionGroup(title: "Model") var model: ModelOptions
    @OptionGroup(title: "Input") var input: InputOptions
    @OptionGroup(title: "Comparison") var compare: CompareOptions
    @OptionGroup(title: "Report (non-interactive)") var report: ReportOptions
    @OptionGroup(title: "Display (explorer)") var display: DisplayOptions
    @OptionGroup(title: "Engine") var threads: ThreadOptions
    @OptionGroup(title: "Kernels") var kernels: KernelOptions
    @OptionGroup(title: "Lessons (explorer)") var lessons: LessonOptions

    func validate() throws {
        if report.repeatCount != nil, report.format == nil {
            throw ValidationError("--repeat: only with --report table|json|csv")
        }
        if report.format != nil, lessons.lesson || lessons.lessonFile != nil {
            throw ValidationError("--lesson, --lesson-file: the explorer's, not with --report")
        }
    }

    func run() throws {
        threads.apply()
        kernels.select()
        if let format = report.format {
            let session = try Session.load(model: model, input: input, compare: try compare.comparison)
            try Diagnostics.writeStandardOutput(session.report(format: format, options: report))
        } else {
            try Explore.run(model: model, input: input, compare: try compare.comparison, display: display,
                            lessons: lessons)
        }
    }

    /// Parses, runs, and turns every failure into one line on stderr and an exit status:
    /// 0 success, 1 a runtime error (file, format, weights), 64 a usage error.
    static func main() {
        StandardDescriptors.reserveClosed()
        FileFaultReport.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            Diagnostics.fail(failure.message, status: failure.status)
        } catch let error as FileError {
            Diagnostics.fail(error.description, status: ExitStatus.failure)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version
                do {
                    try Diagnostics.writeStandardOutput(fullMessage(for: error) + "\n")
                } catch {
                    Diagnostics.fail((error as? CommandFailure)?.message ?? "\(error)", status: ExitStatus.failure)
                }
                Foundation.exit(0)
            }
            let isUsage = code == .validationFailure
            Diagnostics.fail(message(for: error) + (isUsage ? " (see alexnet-tui --help)" : ""),
                             status: isUsage ? ExitStatus.usage : ExitStatus.failure)
        }
        Foundation.exit(ExitStatus.success)
    }
}
