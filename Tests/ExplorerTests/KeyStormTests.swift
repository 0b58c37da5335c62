import Engine
import Foundation
import Testing
import TestSupport
@testable import Explorer

/// Random keys from the key table mixed with resizes from 10x5 to 300x100, through the pure
/// action function and the screen, on both presets (random weights, seed 42, the chelsea sample,
/// every layer computed): at reduced widths (`ArithmeticViewTests.presetApp`: the same layers,
/// fewer channels, quick to set up also under the sanitizers), or at their full widths with
/// `KEY_STORM_NETWORKS=full`. After every step the screen is the terminal's size, the selected layer,
/// channel, neuron and cursor are valid, and no text reads "nil" or an unfilled placeholder.
///
/// Effects are not carried out (the model is pure; the other suites test them): the run stays
/// fully computed and occlusion not started. Values before an activation are computed at once.
///
/// Each case runs for `KEY_STORM_SECONDS` (default 1) from a fresh random seed, printed with the
/// number of steps; a failure names the seed and step, and `KEY_STORM_SEED=S KEY_STORM_STEPS=N`
/// replays exactly those N steps.
@Suite struct KeyStormTests {
    static let environment = ProcessInfo.processInfo.environment

    /// One step: a key, or a new terminal size.
    enum Step: CustomStringConvertible {
        case key(Key)
        case resize(width: Int, height: Int)

        var description: String {
            switch self {
            case .key(let key): "key \(key)"
            case .resize(let width, let height): "resize \(width)x\(height)"
            }
        }
    }

    /// Every key the key table binds, and a few it does not.
    static let keys: [Key] = {
        var keys: [Key] = [.character("Z"), .backspace, .resize]
        for binding in KeyMap.standard.bindings {
            for key in binding.keys where !keys.contains(key) { keys.append(key) }
        }
        return keys
    }()

    static func step(_ generator: inout SplitMix) -> Step {
        // One step in eight is a resize.
        guard Int.random(in: 0..<8, using: &generator) == 0 else {
            return .key(keys[Int.random(in: 0..<keys.count, using: &generator)])
        }
        return .resize(width: Int.random(in: 10...300, using: &generator), height: Int.random(in: 5...100, using: &generator))
    }

    /// What is wrong with the screen and state after a step (nothing when all is well).
    static func problems(_ state: ViewState, _ situation: Situation, _ buffer: ScreenBuffer,
                         width: Int, height: Int) throws -> [String] {
        var problems: [String] = []
        let nodes = situation.network.nodes
        if buffer.width != width || buffer.height != height || buffer.lines.count != height {
            problems.append("screen is \(buffer.width)x\(buffer.height), terminal \(width)x\(height)")
        }
        guard nodes.indices.contains(state.layer) else { return problems + ["layer \(state.layer) of \(nodes.count)"] }
        let shape = nodes[state.layer].outputShape
        let channels = situation.channelCount(of: state.layer)
        if state.channel < 0 || state.channel >= max(channels, 1) {
            problems.append("channel \(state.channel) of \(channels) in \(nodes[state.layer].layer.name)")
        }
        if let cursor = state.cursor, shape.isFeatureMap,
           !(0..<shape[0]).contains(cursor.y) || !(0..<shape[1]).contains(cursor.x) {
            problems.append("cursor y \(cursor.y) x \(cursor.x) outside \(shape) of \(nodes[state.layer].layer.name)")
        }
        if let neuron = state.neuron, !(0..<shape.count).contains(neuron) {
            problems.append("neuron \(neuron) of \(shape.count)")
        }
        for line in buffer.lines {
            if let placeholder = Self.placeholder(in: line) {
                problems.append("screen reads \"\(placeholder)\" in the line \"\(line)\"")
                break
            }
        }
        return problems
    }

    /// The first of `nil` (a word), `Optional(`, `{`, `}`, `\\(` or a printf conversion such as `%d`
    /// or `%.3f` in `line` (not `%@`: the ASCII colour ramp ends `%%@@`). A scan rather than a
    /// regular expression: Swift's `Regex` took most of a step's time.
    static func placeholder(in line: String) -> String? {
        let bytes = Array(line.utf8)
        func isWordByte(_ index: Int) -> Bool {
            bytes.indices.contains(index) && (bytes[index] >= 0x80 || Character(UnicodeScalar(bytes[index])).isLetter
                || Character(UnicodeScalar(bytes[index])).isNumber || bytes[index] == UInt8(ascii: "_"))
        }
        func matches(_ text: String, at index: Int) -> Bool { bytes[index...].starts(with: text.utf8) }
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "}"): return String(UnicodeScalar(bytes[index]))
            case UInt8(ascii: "\\") where matches("\\(", at: index): return "\\("
            case UInt8(ascii: "O") where matches("Optional(", at: index): return "Optional("
            case UInt8(ascii: "n") where matches("nil", at: index) && !isWordByte(index - 1) && !isWordByte(index + 3):
                return "nil"
            case UInt8(ascii: "%"):
                // Flags, width and precision, then a conversion character.
                var end = index + 1
                while end < bytes.count, "-+0123456789.".utf8.contains(bytes[end]) { end += 1 }
                if end < bytes.count, "dfsgeu".utf8.contains(bytes[end]) {
                    return String(decoding: bytes[index...end], as: UTF8.self)
                }
            default: break
            }
        }
        return nil
    }

    @Test func placeholderScanFindsWhatItLooksFor() {
        #expect(Self.placeholder(in: "time 3.1 ms │ 9.5% of run so far") == nil)
        #expect(Self.placeholder(in: "vanilla, Nile crocodile") == nil)
        #expect(Self.placeholder(in: "value nil here") == "nil")
        #expect(Self.placeholder(in: "nil") == "nil")
        #expect(Self.placeholder(in: "took %.3f ms") == "%.3f")
        #expect(Self.placeholder(in: "name %-18s") == "%-18s")
        #expect(Self.placeholder(in: "ramp ####%%%%@@@@") == nil)
        #expect(Self.placeholder(in: "layer \\(name)") == "\\(")
        #expect(Self.placeholder(in: "Optional(3)") == "Optional(")
        #expect(Self.placeholder(in: "ch {channel}") == "{")
    }

    @Test(arguments: Preset.allCases)
    func randomKeysAndResizesKeepTheScreenAndStateValid(preset: Preset) throws {
        let full = Self.environment["KEY_STORM_NETWORKS"] == "full"
        let app = full ? try sampleExplorer(preset).0 : try ArithmeticViewTests.presetApp(preset, colorMode: .trueColor)
        let run = app.worker.run
        app.press(.end, .home)
        let seed = Self.environment["KEY_STORM_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 0...UInt64.max)
        let steps = Self.environment["KEY_STORM_STEPS"].flatMap { Int($0) } ?? Int.max
        let seconds = Self.environment["KEY_STORM_SECONDS"].flatMap { Double($0) } ?? 1
        var generator = SplitMix(seed: seed)
        var situation = app.situation
        var state = app.state
        let screen = ExplorerScreen()
        var (width, height) = (120, 40)
        var preActivation: [Int: PreActivationValues] = [:]
        var history: [Step] = []
        let deadline = Date().addingTimeInterval(seconds)
        var count = 0, keys = 0
        while count < steps, steps != Int.max || Date() < deadline {
            let step = Self.step(&generator)
            history = Array((history + [step]).suffix(20))
            switch step {
            case .key(let key):
                state = Update.key(key, state: state, in: situation).state
                keys += 1
            case .resize(let newWidth, let newHeight):
                (width, height) = (newWidth, newHeight)
            }
            var values: PreActivationValues?
            if situation.wantsPreActivation(state) {
                values = preActivation[state.layer] ?? PreActivationJob.compute(run, layer: state.layer)
                preActivation[state.layer] = values
            }
            let frame = situation.frame(state, preActivation: values)
            let buffer = screen.draw(frame, keyMap: app.keyMap, theme: frame.theme, width: width, height: height)
            situation.helpArea = ExplorerScreen.helpArea(of: screen.lastSize)
            count += 1
            let problems = try Self.problems(state, situation, buffer, width: width, height: height)
            guard problems.isEmpty else {
                Issue.record("""
                    \(preset) key storm seed \(seed), step \(count): \(problems.joined(separator: "; "))
                    last steps: \(history.map(\.description).joined(separator: ", "))
                    replay: KEY_STORM_SEED=\(seed) KEY_STORM_STEPS=\(count) swift test --filter KeyStormTests
                    """)
                return
            }
        }
        print("key storm \(preset)\(full ? "" : " (reduced widths)"): \(count) steps (\(keys) keys) in \(String(format: "%.1f", seconds)) s, seed \(seed)")
        #expect(count > 0)
    }
}
