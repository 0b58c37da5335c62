import Testing
@testable import Explorer

/// The help overlay on screens too small for the whole key list: it scrolls a page at a time,
/// the scroll keys go to it while it is open, and every binding can be reached.
@Suite struct HelpOverlayTests {
    /// The smallest screens the explorer draws on (60x16 is its minimum).
    static let smallSizes = [(60, 16), (80, 16)]

    /// The first line the overlay shows, from its title (`keys 12-22 of 46`), or nil when the
    /// whole list is shown.
    static func position(_ screen: [String]) -> (first: Int, last: Int, total: Int)? {
        guard let title = screen.first(where: { $0.contains(" keys ") }),
              let range = title.range(of: #"\d+-\d+ of \d+"#, options: .regularExpression) else { return nil }
        let numbers = title[range].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        return (numbers[0], numbers[1], numbers[2])
    }

    /// Snapshots of the top, a page down, and the end of the list, colour and ASCII.
    @Test(arguments: [("help-top", [Key.character("?")]), ("help-page", [.character("?"), .pageDown]),
                      ("help-end", [.character("?"), .end])])
    func smallScreenMatchesSnapshot(scene: String, keys: [Key]) throws {
        for mode in [ColorMode.trueColor, .ascii] {
            for (width, height) in Self.smallSizes {
                let app = try TestNetwork.app(colorMode: mode)
                _ = app.render(width: width, height: height)   // the size help pages by
                for key in keys { app.press(key) }
                assertSnapshot(app.render(width: width, height: height),
                               named: "\(scene)-\(width)x\(height)-\(mode == .ascii ? "ascii" : "color")",
                               includeStyles: mode != .ascii)
            }
        }
    }

    /// Scrolling a line at a time from the top to the end shows every binding's keys and help
    /// text at some position, in both drawing modes.
    @Test(arguments: [ColorMode.trueColor, .ascii])
    func everyBindingIsReachableByScrolling(mode: ColorMode) throws {
        let (width, height) = (60, 16)
        let app = try TestNetwork.app(colorMode: mode)
        _ = app.render(width: width, height: height)
        app.press(.character("?"))
        var seen = app.render(width: width, height: height).lines.joined(separator: "\n")
        var positions = [Self.position(app.render(width: width, height: height).lines)?.first]
        for _ in 0..<100 {
            app.press(.down)
            let screen = app.render(width: width, height: height).lines
            let position = Self.position(screen)?.first
            if position == positions.last { break }
            positions.append(position)
            seen += "\n" + screen.joined(separator: "\n")
        }
        #expect(positions.first == 1 && positions.count > 2, "the list should scroll a line at a time: \(positions)")
        #expect(zip(positions, positions.dropFirst()).allSatisfy { ($0 ?? 0) + 1 == $1 })
        for binding in KeyMap.standard.bindings {
            #expect(seen.contains(binding.help), "never shown: \(binding.help)")
            for key in binding.keys {
                #expect(seen.contains(key.label(unicode: mode.usesColor)), "key \(key) of \(binding.help) never shown")
            }
        }
        #expect(app.state.showHelp)
    }

    /// While help is open, ↓ PgDn End Home move the list, not the channel or the layer; the
    /// position stops at the last full page; a key help does not bind closes it and acts.
    @Test func scrollKeysGoToTheOverlayWhileItIsOpen() throws {
        let app = try TestNetwork.app(colorMode: .ascii)
        let (width, height) = (60, 16)
        _ = app.render(width: width, height: height)
        app.press(.character("?"))
        let page = try #require(Self.position(app.render(width: width, height: height).lines))
        // 16 rows: the status line, the border and a marker row above and below leave 11 lines.
        #expect(page.first == 1 && page.last == 11)
        app.press(.down, .pageDown)
        #expect(Self.position(app.render(width: width, height: height).lines)?.first == 13)
        #expect(app.state.channel == 0 && app.state.layer == 0, "scroll keys must not reach the layer view")
        app.press(.end, .down, .pageDown)
        let end = app.render(width: width, height: height).lines
        let last = try #require(Self.position(end))
        #expect(last.last == last.total && last.first == last.total - 10)
        #expect(end.contains { $0.contains("^ \(last.first - 1) more above") })
        #expect(!end.contains { $0.contains("more below") })
        app.press(.home)
        let top = app.render(width: width, height: height).lines
        #expect(Self.position(top)?.first == 1)
        #expect(top.contains { $0.contains("v \(last.total - 11) more below") })
        #expect(top.contains { $0.contains("Up Down PgUp PgDn Home End: scroll | ? Esc: close") })
        app.press(.right)
        #expect(!app.state.showHelp && app.state.layer == 1)
    }

    /// When the list fits (in columns if need be), nothing scrolls and no position is shown.
    @Test func largeScreenShowsTheWholeListWithoutScrolling() throws {
        let app = try TestNetwork.app(colorMode: .ascii)
        app.press(.character("?"))
        let screen = app.render(width: 160, height: 48).lines
        #expect(Self.position(screen) == nil)
        #expect(!screen.joined().contains("more below"))
        for binding in KeyMap.standard.bindings { #expect(screen.joined(separator: "\n").contains(binding.help)) }
        app.press(.end)
        #expect(app.state.helpScroll == 0 && app.state.layer == 0)
    }

    /// While help is open the status line offers its own keys, from the key table.
    @Test func statusLineShowsTheOverlaysKeys() throws {
        let app = try TestNetwork.app()
        app.press(.character("?"))
        let status = app.render(width: 80, height: 16).lines.last ?? ""
        #expect(status.contains("↑↓ scroll") && status.contains("PgUp/PgDn page") && status.contains("? close"))
    }
}
