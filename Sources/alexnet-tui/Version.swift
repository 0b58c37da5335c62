/// The program's version: the one place the package states it (`alexnet-tui --version`).
enum Version {
    static let current = "0.1.0"
}
