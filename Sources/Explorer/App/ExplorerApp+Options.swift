import Engine

/// What the front end turns on after making the app, each where it applies: redrawing random
/// weights, the comparison key, the seed's dropout switch, and a lesson from a file.
extension ExplorerApp {
    /// Lets `G` redraw the random weights under the next scheme (`current` is the one in use).
    public func allowInitSwitching(from current: InitScheme, rebuild: @escaping Rebuild) {
        weights.scheme = current
        weights.rebuild = rebuild
    }

    /// Lets the comparison key cycle through `choices`; `showing` is the one to show at once
    /// (the `--compare` value's index), if any.
    public func allowComparison(_ choices: ComparisonChoices, showing index: Int? = nil) {
        comparisonChoices = choices
        guard let index, choices.inputs.indices.contains(index) else { return }
        state.comparison = index
        run(.compare(index))
    }

    /// Starts `lesson` at its first step (parsed for this network, e.g. from `--lesson-file`);
    /// `L` restarts it.
    public func startLesson(_ lesson: Lesson) {
        self.lesson = lesson
        _ = perform(.startLesson)
    }

    /// What a lesson may name in the network in use.
    public var lessonModel: LessonModel { LessonModel(network) }

    /// Lets `D` switch the dropout layers between inference and the original's dropping, with
    /// masks drawn from `seed` (for the seed model, whose graph drops when it predicts).
    public func allowDropoutSwitching(seed: UInt64) {
        dropoutSeed = seed
    }
}
