/// Why a lesson file cannot be used: the file, the line (0 for the whole file) and the problem,
/// printed as one line `FILE:LINE: problem`.
public struct LessonError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let problem: String

    public init(file: String, line: Int, _ problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String { line > 0 ? "\(file):\(line): \(problem)" : "\(file): \(problem)" }
}
