import Testing
import Engine
import TestSupport

struct FlattenTests {
    @Test func hwcKeepsStorageOrderAndChwGroupsByChannel() throws {
        let input = arangeTensor(Shape(2, 3, 2))  // value = (y * 3 + x) * 2 + c
        let hwc = try runLayer(Flatten(name: "flatten", order: .hwc), on: input)
        #expect(hwc.shape == Shape(12))
        #expect(hwc.toArray() == (0..<12).map(Float.init))
        let chw = try runLayer(Flatten(name: "flatten", order: .chw), on: input)
        #expect(chw.toArray() == [0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11])
    }

    @Test func chwMatchesTheReferenceOnAnOddShape() throws {
        let input = randomTensor(Shape(7, 5, 13), seed: 61)
        let output = try runLayer(Flatten(name: "flatten", order: .chw), on: input)
        #expect(output.doubles == Reference.flattenChannelsFirst(input))
    }

    @Test func summaries() {
        #expect(Flatten(name: "flatten", order: .hwc).summary == "flatten HWC")
        #expect(Flatten(name: "flatten", order: .chw).summary == "flatten CHW")
    }
}
