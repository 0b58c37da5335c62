/// The lesson `--lesson` runs: `tour.lesson` beside this file, compiled in as bytes (SwiftPM's
/// `embedInCode`), so that the binary needs no resource bundle beside it wherever it is copied.
public enum BuiltInLesson {
    /// The name errors would give it (it is checked by the tests on both models).
    public static let name = "tour.lesson"
    public static var bytes: [UInt8] { PackageResources.tour_lesson }
}
