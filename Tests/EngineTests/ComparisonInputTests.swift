import Testing
import Engine

/// `--compare WHAT` as text: each transform's form, an image path otherwise, and malformed values.
@Suite struct ComparisonInputTests {
    @Test func readsEachTransformAndOtherwiseAPath() throws {
        #expect(try ComparisonInput(parsing: "flip") == .transform(.flip))
        #expect(try ComparisonInput(parsing: "shift:4,-3") == .transform(.shift(dx: 4, dy: -3)))
        #expect(try ComparisonInput(parsing: "noise:0.25") == .transform(.noise(sigma: 0.25)))
        #expect(try ComparisonInput(parsing: "noise:0") == .transform(.noise(sigma: 0)))
        #expect(try ComparisonInput(parsing: "noise:1") == .transform(.noise(sigma: 1)))
        #expect(try ComparisonInput(parsing: "occlude:88,60,48") == .transform(.occlude(x: 88, y: 60, size: 48)))
        #expect(try ComparisonInput(parsing: "samples/coffee.ppm") == .image(path: "samples/coffee.ppm"))
        #expect(try ComparisonInput(parsing: "./flip") == .image(path: "./flip"))
        #expect(try ComparisonInput(parsing: "shift:4,-3").argument == "shift:4,-3")
    }

    @Test(arguments: [
        ("shift:x", "shift:x: expected shift:DX,DY with whole pixels, e.g. shift:4,0"),
        ("shift:4", "shift:4: expected shift:DX,DY with whole pixels, e.g. shift:4,0"),
        ("shift", "shift: expected shift:DX,DY with whole pixels, e.g. shift:4,0"),
        ("shift:1,2,3", "shift:1,2,3: expected shift:DX,DY with whole pixels, e.g. shift:4,0"),
        ("shift:224,0", "shift:224,0: DX and DY must be between -223 and 223"),
        ("noise:-1", "noise:-1: SIGMA must be between 0 and 1"),
        ("noise:2", "noise:2: SIGMA must be between 0 and 1"),
        ("noise:1e10", "noise:1e10: SIGMA must be between 0 and 1"),
        ("noise:1e308", "noise:1e308: SIGMA must be between 0 and 1"),
        ("noise:inf", "noise:inf: SIGMA must be between 0 and 1"),
        ("noise:abc", "noise:abc: expected noise:SIGMA, a standard deviation from 0 to 1 (the pixel range), e.g. noise:0.1"),
        ("noise:nan", "noise:nan: expected noise:SIGMA, a standard deviation from 0 to 1 (the pixel range), e.g. noise:0.1"),
        ("noise", "noise: expected noise:SIGMA, a standard deviation from 0 to 1 (the pixel range), e.g. noise:0.1"),
        ("flip:1", "flip:1: flip takes no value"),
        ("occlude:1,2", "occlude:1,2: expected occlude:X,Y,SIZE with whole pixels, e.g. occlude:88,88,48"),
        ("occlude:224,0,4", "occlude:224,0,4: X and Y must be between 0 and 223"),
        ("occlude:0,0,0", "occlude:0,0,0: SIZE must be at least 1"),
        ("", ": expected FILE, shift:DX,DY, flip, noise:SIGMA or occlude:X,Y,SIZE"),
    ])
    func malformedValuesAreOneLineErrors(text: String, message: String) {
        #expect(throws: ComparisonSyntaxError.self) { try ComparisonInput(parsing: text) }
        do {
            _ = try ComparisonInput(parsing: text)
        } catch {
            #expect(error.description == message)
        }
    }
}
