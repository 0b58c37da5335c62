import Foundation

/// The three standard descriptors, made safe before anything opens a file.
///
/// A process started with one of them closed (`alexnet-tui ... >&-`) would otherwise hand that
/// number to the next `open`: the image, the weights or a frame trace would become "standard
/// output", and a report or an error could be written into it.
enum StandardDescriptors {
    /// Puts `/dev/null` on each standard descriptor that is closed, opened for the opposite
    /// direction: writing to a closed stdout or stderr (or reading a closed stdin) still fails
    /// with `EBADF`, as it would have, and the number is never reused.
    static func reserveClosed() {
        for (descriptor, oppositeMode) in [(STDIN_FILENO, O_WRONLY), (STDOUT_FILENO, O_RDONLY),
                                           (STDERR_FILENO, O_RDONLY)]
        where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            // open returns the lowest free number: this one, since the lower ones are open.
            let opened = open("/dev/null", oppositeMode | O_CLOEXEC)
            if opened >= 0, opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }
}
