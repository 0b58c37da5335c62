import Testing
import Engine

/// Receptive fields of both presets against values worked out by hand from their layer tables.
/// Per layer: size += (kernel - 1) * jump; jump *= stride; corner -= padBefore * jump (jump and
/// padding taken before the layer). The geometry does not depend on channel widths, so the
/// reduced-width presets (cheap to build) have the published presets' fields.
@Suite struct ReceptiveFieldTests {
    typealias Expected = (layer: String, size: Int, jump: Int, corner: Int)

    func expectFields(_ network: Network, _ expected: [Expected], sourceLocation: SourceLocation = #_sourceLocation) {
        let fields = network.receptiveFields
        for (layer, size, jump, corner) in expected {
            guard let index = network.index(of: layer) else {
                Issue.record("no layer \(layer)", sourceLocation: sourceLocation)
                continue
            }
            let want = ReceptiveField(height: size, width: size, jumpY: jump, jumpX: jump, top: corner, left: corner)
            #expect(fields[index] == want, "\(layer)", sourceLocation: sourceLocation)
        }
    }

    @Test func seedFieldsMatchHandWorkedValues() throws {
        let network = try Preset.seed.build(weights: .random(seed: 0), widths: Self.reduced(.seed)).network
        expectFields(network, [
            // conv1 11/4 SAME on 224: out 56, total pad (56-1)*4+11-224 = 7 -> 3 before, 4 after.
            ("conv1", 11, 4, -3),
            // pool1 3/2 SAME on 56: out 28, pad 27*2+3-56 = 1 -> 0 before. 11 + 2*4 = 19, jump 8.
            ("pool1", 19, 8, -3),
            ("norm1", 19, 8, -3),
            // conv2 5/1 SAME on 28: pad 4 -> 2 before. 19 + 4*8 = 51; corner -3 - 2*8 = -19.
            ("conv2", 51, 8, -19),
            // pool2 3/2 SAME on 28: out 14, pad 1 -> 0 before. 51 + 2*8 = 67, jump 16.
            ("pool2", 67, 16, -19),
            ("norm2", 67, 16, -19),
            // conv3 3/1 SAME on 14: pad 2 -> 1 before. 67 + 2*16 = 99; corner -19 - 16 = -35.
            ("conv3", 99, 16, -35),
            ("conv4", 131, 16, -51),
            // conv5 (unused) reads conv4: 131 + 32 = 163, corner -67.
            ("conv5", 163, 16, -67),
            // pool5 reads conv4, not conv5: 3/2 SAME on 14, out 7, pad 1 -> 0 before.
            // 131 + 2*16 = 163, jump 32, corner stays -51.
            ("pool5", 163, 32, -51),
            ("norm5", 163, 32, -51),
        ])
        let fields = network.receptiveFields
        #expect(fields[network.index(of: "flatten")!] == nil)
        #expect(fields[network.index(of: "fc8")!] == nil)
    }

    @Test func alexNetFieldsMatchHandWorkedValues() throws {
        let network = try Preset.alexnet.build(weights: .random(seed: 0), widths: Self.reduced(.alexnet)).network
        expectFields(network, [
            // conv1 11/4 pad 2 on 224: out (224+4-11)/4+1 = 55; corner -2.
            ("conv1", 11, 4, -2),
            // pool1 3/2 VALID: out 27. 11 + 2*4 = 19, jump 8.
            ("pool1", 19, 8, -2),
            // conv2 5/1 pad 2: 19 + 4*8 = 51; corner -2 - 2*8 = -18.
            ("conv2", 51, 8, -18),
            // pool2 3/2 VALID: 51 + 2*8 = 67, jump 16.
            ("pool2", 67, 16, -18),
            // conv3..5 3/1 pad 1: +32 each, corner -16 each.
            ("conv3", 99, 16, -34),
            ("conv4", 131, 16, -50),
            ("conv5", 163, 16, -66),
            // pool5 3/2 VALID: 163 + 2*16 = 195, jump 32.
            ("pool5", 195, 32, -66),
            // The adaptive pool keeps 6x6: each cell sees what pool5's saw.
            ("avgpool", 195, 32, -66),
        ])
        #expect(network.receptiveFields[network.index(of: "flatten")!] == nil)
    }

    @Test func regionOfACellStepsByTheJump() {
        let field = ReceptiveField(height: 51, width: 51, jumpY: 8, jumpX: 8, top: -19, left: -19)
        let region = field.region(row: 3, column: 10)
        #expect(region.top == -19 + 3 * 8 && region.left == -19 + 10 * 8)
        #expect(region.height == 51 && region.width == 51)
        #expect(field.description == "51/8")
    }

    @Test func adaptivePoolThatResizesHasNoFixedField() throws {
        let network = try Network(name: "t", inputShape: Shape(8, 8, 1), layers: [
            MaxPool2D(name: "pool", kernel: 2, stride: 2, padding: .valid),
            AdaptiveAvgPool2D(name: "avg", outputHeight: 3, outputWidth: 3),
        ], labels: [])
        let fields = network.receptiveFields
        #expect(fields[0] == ReceptiveField(height: 2, width: 2, jumpY: 2, jumpX: 2, top: 0, left: 0))
        #expect(fields[1] == nil)
    }

    static func reduced(_ preset: Preset) -> Preset.Widths {
        Preset.Widths(conv1: 4, conv2: 4, conv3: 4, conv4: 4, conv5: 4, fc6: 4, fc7: 4, classes: preset == .seed ? 17 : 10)
    }
}
