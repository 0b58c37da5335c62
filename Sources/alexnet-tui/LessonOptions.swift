import ArgumentParser
import Explorer
import Foundation

/// `--lesson` and `--lesson-file`: the explorer starts in a lesson.
struct LessonOptions: ParsableArguments {
    @Flag(help: "Start the explorer in the built-in lesson: a dozen steps through the network, each explained with this run's numbers (L in the explorer).")
    var lesson = false

    @Option(name: .customLong("lesson-file"),
            help: ArgumentHelp("Start the explorer in the lesson written in this file (the format is in LESSONS.md).", valueName: "file"))
    var lessonFile: String?

    func validate() throws {
        if lesson, let lessonFile {
            throw ValidationError("--lesson and --lesson-file \(lessonFile): one lesson at a time")
        }
    }

    /// The name and bytes of the lesson asked for, or nil. Read before the model is built, so
    /// that a missing file is reported at once.
    func source() throws -> (name: String, bytes: [UInt8])? {
        if lesson { return (BuiltInLesson.name, BuiltInLesson.bytes) }
        guard let path = lessonFile else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure(message: "\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw CommandFailure(message: "\(path): is a directory, not a lesson file") }
        // An empty file reads as nil, not as no bytes: the parser, not this, says what is wrong with it.
        guard let handle = FileHandle(forReadingAtPath: path),
              let data = try? handle.read(upToCount: LessonParser.maximumBytes + 1) ?? Data() else {
            throw CommandFailure(message: "\(path): cannot read the lesson file")
        }
        try? handle.close()
        return (path, [UInt8](data))
    }
}
