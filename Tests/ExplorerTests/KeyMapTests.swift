import Foundation
import Testing
@testable import Explorer

@Suite struct KeyMapTests {
    let map = KeyMap.standard

    @Test(arguments: [
        (Key.right, Action.nextLayer), (.character("l"), .nextLayer), (.character(" "), .nextLayer),
        (.left, .previousLayer), (.character("h"), .previousLayer),
        (.down, .nextChannel), (.character("j"), .nextChannel), (.up, .previousChannel), (.character("k"), .previousChannel),
        (.pageDown, .channelsForward), (.pageUp, .channelsBack), (.home, .firstLayer), (.end, .lastLayer),
        (.tab, .nextView), (.backTab, .previousView), (.character("i"), .toggleInput), (.character("t"), .toggleTiming),
        (.character("s"), .toggleScaleMode), (.character("c"), .cycleColorMode), (.character("?"), .toggleHelp),
        (.character("q"), .quit), (.interrupt, .quit), (.escape, .leaveOrQuit),
    ])
    func globalKeyMapsToItsAction(key: Key, action: Action) {
        #expect(map.action(for: key, in: [.global]) == action)
    }

    @Test func viewKeysApplyOnlyInTheirView() {
        #expect(map.action(for: .enter, in: [.global]) == nil)
        #expect(map.action(for: .enter, in: [.grid, .global]) == .openSelected)
        #expect(map.action(for: .character("r"), in: [.global]) == nil)
        #expect(map.action(for: .character("r"), in: [.timing, .global]) == .rerunTiming)
    }

    /// README.md's key table is written by hand: every letter or sign bound in the key table must
    /// appear there in backquotes (Space, arrows and named keys are spelled out in prose).
    @Test func readmeKeyTableNamesEveryCharacterKey() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md"), encoding: .utf8)
        let table = readme.split(separator: "\n").filter { $0.hasPrefix("| ") }.joined(separator: "\n")
        for binding in map.bindings {
            for case let .character(character) in binding.keys where character != " " {
                let named = table.contains("`\(character)`")
                #expect(named, "README.md's key table does not name `\(character)` (\(binding.help))")
            }
        }
    }

    @Test func unboundKeyHasNoAction() {
        #expect(map.action(for: .character("Z"), in: [.grid, .timing, .global]) == nil)
        #expect(map.action(for: .backspace, in: [.global]) == nil)
    }

    @Test func noKeyIsBoundTwiceInOneContext() {
        for context in BindingContext.allCases {
            let keys = map.bindings.filter { $0.context == context }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "duplicate key in \(context)")
        }
    }

    @Test func helpOverlayUsesTwoColumnsWhenOneDoesNotFit() throws {
        let app = try TestNetwork.app(colorMode: .ascii)
        app.press(.character("?"))
        let lines = app.render(width: 120, height: 30).lines
        // Two columns of equal height: the list's first line and the one half-way share a row.
        let list = HelpOverlay(theme: Theme(mode: .ascii), keyMap: map).lines()
        let (first, second) = (list[0].help, list[(list.count + 1) / 2].help)
        #expect(lines.contains { $0.contains(first) && $0.contains(second) }, "no row holds \(first) and \(second)")
        let screen = lines.joined(separator: "\n")
        for binding in map.bindings {
            #expect(screen.contains(binding.help), "help lacks \(binding.help)")
        }
    }

    @Test func helpOverlayListsEveryBinding() throws {
        let app = try TestNetwork.app(colorMode: .ascii)
        app.press(.character("?"))
        let screen = app.render(width: 120, height: 40).lines.joined(separator: "\n")
        for binding in map.bindings {
            #expect(screen.contains(binding.help), "help lacks \(binding.help)")
        }
    }
}
