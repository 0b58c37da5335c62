import Engine
@testable import Profiling
import Testing

@Suite struct TableReportTests {
    @Test func everyLineFitsOneHundredColumns() throws {
        let text = try ReportFixture().report().rendered(as: .table)
        for line in text.split(separator: "\n") {
            #expect(line.count <= 100, "\(line)")
        }
    }

    @Test func rowsShowShapeCostTimeShareAndStats() throws {
        let lines = try ReportFixture().report().rendered(as: .table).split(separator: "\n").map(String.init)
        let conv = try #require(lines.first { $0.hasPrefix("conv ") })
        let cells = conv.split(separator: " ").map(String.init)
        // layer kind output params FLOPs ms % roof min mean max std zeros; roof: 24% of the read
        // bandwidth (RooflineTests and JSONReportTests work it out)
        #expect(cells == ["conv", "conv", "2x2x1", "10", "72", "3.000", "33.3", "M", "24%",
                          "-1.000", "0.5000", "2.000", "1.118", "25.0%"])
        #expect(lines.contains { $0.hasPrefix("spare*") })
        #expect(lines.contains { $0.hasPrefix("* spare is computed but no later layer reads it") })
    }

    /// Conv: 72 FLOPs in 3 ms = 2.4e-5 GFLOP/s; fc: 15 params = 60 bytes in 5 ms = 1.2e-5 GB/s;
    /// the relu 1 ms; shares of the 9 ms: 3/9, 5/9, 1/9.
    @Test func timeByKindShowsConvArithmeticRateAndDenseWeightRate() throws {
        let lines = try ReportFixture().report().rendered(as: .table).split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex(of: "time by kind of layer:"))
        let rows = lines[(start + 1)...].prefix(3).map { $0.split(separator: " ").map(String.init) }
        #expect(rows == [["conv", "3.000", "ms", "33.3%", "2.40e-5", "GFLOP/s"],
                         ["dense", "5.000", "ms", "55.6%", "weights", "read", "at", "1.20e-5", "GB/s"],
                         ["other", "1.000", "ms", "11.1%"]])
    }

    @Test func layersComputedWithFewerOperationsAreNamedUnderTheTimeByKind() throws {
        #expect(!(try ReportFixture().report().rendered(as: .table)).contains(" by Winograd"))
        var fixture = ReportFixture()
        fixture.convMethod = "Winograd F(2x2, 3x3)"
        let lines = try fixture.report().rendered(as: .table).split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex(of: "time by kind of layer:"))
        #expect(lines[start + 4] == "  (conv by Winograd F(2x2, 3x3): the FLOPs counted are the direct computation's)")
    }

    @Test func ceilingsAreShownWithMethodAndDate() throws {
        let lines = try ReportFixture().report().rendered(as: .table).split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("roof: share of the ceiling that binds the layer") })
        #expect(lines[start + 1] == "  (above 100%: M, the bytes were in the caches; C, the peak was measured low):")
        #expect(lines[start + 2] == "  C: FMA peak 0.0010 GFLOP/s, M: read bandwidth 1.00e-4 GB/s, measured 2025-11-24 16:00 UTC")
        #expect(lines[start + 3] == "  (fixed for the tests)")
        var fixture = ReportFixture()
        fixture.ceilings = nil
        #expect(!(try fixture.report().rendered(as: .table)).contains("roof: "))
    }

    /// A method wider than the table is broken after the last comma that fits in 100 columns.
    @Test func aLongMethodIsBrokenAfterACommaWithinTheTablesWidth() {
        let method = "best of 20 runs of 8 chains of 16-lane FMAs (avx512 kernels), and of 5 sums of 128 MiB of "
            + "fc6's weights, on 2 threads"
        #expect(RunReport.methodLines(method) == [
            "  (best of 20 runs of 8 chains of 16-lane FMAs (avx512 kernels),",
            "   and of 5 sums of 128 MiB of fc6's weights, on 2 threads)",
        ])
        #expect(RunReport.methodLines("a, b, c", width: 8) == ["  (a, b,", "   c)"])
        #expect(RunReport.methodLines("a, b, c", width: 7) == ["  (a,", "   b,", "   c)"])
        #expect(RunReport.methodLines("no comma to break at", width: 8) == ["  (no comma to break at)"])
    }

    @Test func nonFiniteValuesAreCalledOut() throws {
        var fixture = ReportFixture()
        fixture.convValues = [.nan, -.infinity, 1, 1]
        let lines = try fixture.report().rendered(as: .table).split(separator: "\n")
        #expect(lines.contains("! conv: 2 of 4 values are NaN or infinite (left out of min/mean/max/std)"))
        #expect(!lines.contains { $0.hasPrefix("! fc") })
    }

    /// Nothing finite in a layer: `nan` statistics (not 0), said so, and no class ranked.
    @Test func allNonFiniteLayersHaveNoStatisticsAndNaNLogitsNoPrediction() throws {
        var fixture = ReportFixture()
        fixture.logits = [.nan, .nan, .nan]
        let lines = try fixture.report().rendered(as: .table).split(separator: "\n").map(String.init)
        let fc = try #require(lines.first { $0.hasPrefix("fc ") })
        #expect(fc.split(separator: " ").suffix(5) == ["nan", "nan", "nan", "nan", "0.0%"], "\(fc)")
        #expect(lines.contains("! fc: all 3 values are NaN or infinite (none left for min/mean/max/std)"))
        #expect(lines.last == "no prediction: the logits are not finite")
        #expect(!lines.contains { $0.hasPrefix("top ") || $0.hasPrefix("random weights") })
    }

    /// A NaN logit's class has no probability and is not ranked; the others still are.
    @Test func aNaNLogitIsLeftOutOfTheTopClasses() throws {
        var fixture = ReportFixture()
        fixture.logits = [1, .nan, 2]
        let lines = try fixture.report(topK: 3).rendered(as: .table).split(separator: "\n")
        let start = try #require(lines.firstIndex { $0 == "top 2 of 3 classes (softmax)" })
        #expect(lines[start + 2].split(separator: " ").prefix(3) == ["1", "2", "cat"])
        #expect(lines[start + 3].split(separator: " ").prefix(3) == ["2", "0", "ant"])
    }

    @Test func totalsRowAddsParamsFlopsTimeAndWeightBytes() throws {
        let lines = try ReportFixture().report().rendered(as: .table).split(separator: "\n")
        let total = try #require(lines.first { $0.hasPrefix("total") })
        #expect(total.split(separator: " ") == ["total", "25", "104", "9.000", "100.0", "weights", "100", "B"])
    }

    @Test func topClassesWithLabelsAndProbabilities() throws {
        let lines = try ReportFixture().report(topK: 2).rendered(as: .table).split(separator: "\n")
        let start = try #require(lines.firstIndex { $0 == "top 2 of 3 classes (softmax)" })
        // e^3 / (e + e^2 + e^3) = 0.6652, e^2 / (...) = 0.2447
        #expect(lines[start + 2].split(separator: " ").prefix(4) == ["1", "1", "bee", "0.6652"])
        #expect(lines[start + 3].split(separator: " ").prefix(4) == ["2", "2", "cat", "0.2447"])
    }

    /// A tab, line break or escape sequence from a `--labels` file would break the columns (or
    /// drive the terminal): each control character is shown as a space.
    @Test func controlCharactersInLabelsAreShownAsSpaces() throws {
        var fixture = ReportFixture()
        fixture.labels = ["ant", "b\te\u{1B}[31me", "c\r\na\u{7F}t"]
        let lines = try fixture.report(topK: 2).rendered(as: .table).split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0 == "top 2 of 3 classes (softmax)" })
        #expect(lines[start + 2].hasPrefix("1      1  b e [31me  0.6652"), "\(lines[start + 2])")
        #expect(lines[start + 3].hasPrefix("2      2  c  a t     0.2447"), "\(lines[start + 3])")
        #expect(!lines.joined().contains { $0.unicodeScalars.contains { $0.properties.generalCategory == .control } })
    }

    /// So too in the file names at the top: a name may hold any byte but / and NUL.
    @Test func controlCharactersInFileNamesAreShownAsSpaces() throws {
        var fixture = ReportFixture()
        fixture.imagePath = "in\nside\u{1B}[2J.ppm"
        fixture.weights = "w\teights.safetensors"
        let lines = try fixture.report().rendered(as: .table).split(separator: "\n").map(String.init)
        #expect(lines[0] == "model scripted, weights: w eights.safetensors, kernels: \(KernelVariant.selected.rawValue)")
        #expect(lines[1] == "image in side [2J.ppm (451x300)")
    }

    @Test(arguments: [true, false])
    func randomWeightsAreCalledMeaninglessBelowTheClasses(random: Bool) throws {
        let lines = try ReportFixture().report(topK: 2, randomWeights: random).rendered(as: .table)
            .split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0 == "top 2 of 3 classes (softmax)" })
        // The heading, the column names, two classes, then the note or the end of the report.
        #expect(lines.count == start + 4 + (random ? 1 : 0))
        #expect(lines.last?.hasPrefix("random weights: these classes mean nothing; trained ones: scripts/export_") == random)
    }
}

@Suite struct HumanNumberTests {
    @Test func countsKeepFourSignificantDigits() {
        #expect(HumanNumber.count(999) == "999")
        #expect(HumanNumber.count(34_944) == "34.94K")
        #expect(HumanNumber.count(218_566_656) == "218.6M")
        #expect(HumanNumber.count(37_752_832) == "37.75M")
        #expect(HumanNumber.count(2_270_000_000) == "2.270G")
    }

    @Test func statisticsSwitchToExponentOutsideReadableRange() {
        #expect(HumanNumber.statistic(0) == "0")
        #expect(HumanNumber.statistic(0.27) == "0.2700")
        #expect(HumanNumber.statistic(-12.345) == "-12.35")
        #expect(HumanNumber.statistic(12_345) == "12345")
        #expect(HumanNumber.statistic(123_456) == "1.23e5")
        #expect(HumanNumber.statistic(-0.000_511) == "-5.11e-4")
        #expect(HumanNumber.statistic(0.000_12) == "1.20e-4")
        #expect(HumanNumber.statistic(.nan) == "nan")
    }

    @Test func bytesInDecimalUnits() {
        #expect(HumanNumber.bytes(233_081_024) == "233.1 MB")
        #expect(HumanNumber.bytes(512) == "512 B")
    }
}
