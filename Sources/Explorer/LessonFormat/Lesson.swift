/// A lesson: steps through the network, each moving the explorer to a layer and a view and
/// explaining what is on screen with this run's numbers. Written in the lesson file format
/// (LESSONS.md) and read by `LessonParser`.
public struct Lesson: Sendable, Equatable {
    /// From the file's `# ` line; empty when it has none.
    public let title: String
    /// The steps for the model the lesson was parsed for, in file order.
    public let steps: [LessonStep]
}

/// One step: where the explorer goes and what the panel says.
public struct LessonStep: Sendable, Equatable {
    /// The line of its `## ` heading in the file.
    public let line: Int
    public let title: [LessonText]
    public let layer: String
    public let view: LessonView
    /// The channel of a feature map (or the neuron of a dense layer) to select; nil keeps it.
    public let channel: Int?
    /// The cell cursor to put on the map; nil leaves the cursor off.
    public let cursor: LessonCell?
    /// Paragraphs of text, each wrapped to the panel's width.
    public let paragraphs: [[LessonText]]
}

/// A cell of a feature map: row and column.
public struct LessonCell: Sendable, Equatable {
    public let y: Int
    public let x: Int
}

/// A piece of a step's text: words as written, or a number of this run filled in when shown.
public enum LessonText: Sendable, Equatable {
    case literal(String)
    case placeholder(LessonPlaceholder)

    /// The text with each placeholder's value, or `pending` for values not computed yet.
    public static func resolve(_ pieces: [LessonText], with facts: any LessonFacts, pending: String) -> String {
        pieces.map { piece in
            switch piece {
            case .literal(let text): text
            case .placeholder(let placeholder): facts.text(for: placeholder) ?? pending
            }
        }.joined()
    }
}

/// Where the numbers of a lesson's placeholders come from: the explorer's own, formatted as its
/// panels show them, so the lesson and the screen never disagree.
public protocol LessonFacts {
    /// The value as the screen shows it; nil while it is not computed yet.
    func text(for placeholder: LessonPlaceholder) -> String?
}

/// What a step shows in the main area.
public enum LessonView: String, CaseIterable, Sendable {
    /// One channel of a feature map as a heat-map.
    case map
    /// Every channel of a feature map as thumbnails.
    case grid
    /// A vector's values (dense, flatten and dropout layers).
    case vector
    /// The classifier's most probable classes.
    case topK = "top-k"
    /// The preprocessed input image.
    case input
    /// Time per layer.
    case timing
    /// What one output is made of (a conv cell, a dense neuron, a pool window, an LRN formula).
    case arithmetic
    /// The layer's weights.
    case filters
    /// Every layer's activation spread on a log scale.
    case scales
    /// The layer's own view with its values before the activation (conv and dense layers).
    case before
    /// The input image with the receptive field of the cursor's cell drawn on it.
    case receptiveField = "receptive-field"
}
