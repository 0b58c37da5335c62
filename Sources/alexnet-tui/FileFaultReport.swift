import CFileFaults
import Engine

/// Turns a SIGBUS on a file the engine has mapped into one line and exit status 1:
/// `alexnet-tui: error: w.safetensors: the file changed or shrank while in use`.
///
/// The engine lists its mappings in `FileMappings`; this observer copies each range, with its
/// line already formatted, into the table of the C handler (`CFileFaults`), which can consult it
/// inside the signal handler. Any other SIGBUS stays a crash. In the explorer, the curses
/// screen's crash restore, armed later, runs first and hands the signal on to this handler, so
/// the terminal is back to normal before the line is written.
final class FileFaultReport: FileMappings.Observer {
    /// Installs the handler and starts listing mappings; called first thing, before any file is
    /// mapped and before curses arms its crash restore.
    static func install() {
        // Should the handler not install, such a fault stays a crash, as it was.
        guard alexnet_file_faults_install(ExitStatus.failure) == 0 else { return }
        FileMappings.observe(FileFaultReport())
    }

    func didMap(_ mapping: FileMappings.Mapping) {
        let line = Array(Diagnostics.errorLine(mapping.faultError.description).utf8)
        // A full table leaves this mapping's faults crashes; nothing else to do about it.
        _ = line.withUnsafeBufferPointer { text in
            text.withMemoryRebound(to: CChar.self) {
                alexnet_file_faults_add(UnsafeRawPointer(bitPattern: mapping.start), mapping.byteCount,
                                        $0.baseAddress, $0.count)
            }
        }
    }

    func willUnmap(_ mapping: FileMappings.Mapping) {
        alexnet_file_faults_remove(UnsafeRawPointer(bitPattern: mapping.start))
    }
}
