import Foundation

/// The state of one utterance's search; `LexiconDecoder.decode` drives it frame by frame.
struct BeamSearch {
    /// A prefix: the words completed so far (an interned history), where the current word stands
    /// in the lexicon trie, and the last unit emitted (CTC needs it to tell repeats apart).
    struct Key: Hashable {
        var history: Int
        var node: Int
        var lastUnit: Int
    }

    struct Hypothesis {
        var key: Key
        var blank = -Double.infinity      // log probability of the prefix ending in blank
        var nonBlank = -Double.infinity   // ... ending in its last unit
        var languageScore = 0.0           // weighted LM log probability plus insertion bonuses
        var wordStart = 0
        var lastEmission = 0
        var wordLogPosterior = 0.0
        var wordEmissions = 0
        var timings = -1                  // head of this prefix's list of finished words

        var acoustic: Double { logAdd(blank, nonBlank) }
        var score: Double { acoustic + languageScore }
    }

    /// Interned word histories, so hypotheses compare by an integer.
    struct History { var parent: Int; var word: Int; var context: [Int32] }
    struct Timing { var previous: Int; var word: Int; var start: Int; var end: Int; var confidence: Double }

    let decoder: LexiconDecoder
    private var histories: [History]
    private var historyIndex: [HistoryKey: Int] = [:]
    private struct HistoryKey: Hashable { var parent: Int; var word: Int }
    private var timings: [Timing] = []
    private var beam: [Hypothesis]
    /// The last frame's hypothesis table, kept so that its storage is reused.
    private var spare: [Key: Hypothesis] = [:]
    private let boundary: Int?
    private let separatorRequired: Bool

    init(decoder: LexiconDecoder) {
        self.decoder = decoder
        let start = decoder.languageModel.map { [$0.startID] } ?? []
        histories = [History(parent: -1, word: -1, context: start)]
        beam = [Hypothesis(key: Key(history: 0, node: LexiconTrie.root, lastUnit: -1), blank: 0)]
        boundary = decoder.inventory.boundaryUnit
        if case .separator = decoder.inventory.wordBoundary { separatorRequired = true } else { separatorRequired = false }
    }

    mutating func advance(frame: Int, row: UnsafeBufferPointer<Float>) {
        let blankUnit = decoder.inventory.blank
        let candidates = candidateUnits(row: row)
        var next: [Key: Hypothesis] = [:]
        swap(&next, &spare)
        next.removeAll(keepingCapacity: true)
        for hypothesis in beam {
            let total = hypothesis.acoustic
            var stay = hypothesis
            stay.blank = total + Double(row[blankUnit])
            stay.nonBlank = hypothesis.key.lastUnit >= 0 ? hypothesis.nonBlank + Double(row[hypothesis.key.lastUnit]) : -.infinity
            merge(stay, into: &next)
            for unit in candidates {
                let probability = (unit == hypothesis.key.lastUnit ? hypothesis.blank : total) + Double(row[unit])
                guard probability > -.infinity else { continue }
                extend(hypothesis, with: unit, probability: probability, frame: frame, posterior: Double(row[unit]), into: &next)
            }
        }
        beam = prune(next)
        spare = next
    }

    /// The units worth trying at this frame: within the pruning margin of the best, best first.
    private func candidateUnits(row: UnsafeBufferPointer<Float>) -> [Int] {
        let configuration = decoder.configuration
        let blankUnit = decoder.inventory.blank
        var best = -Float.infinity
        for (unit, value) in row.enumerated() where unit != blankUnit { best = max(best, value) }
        let floor = best - Float(configuration.unitPruning)
        var units = row.indices.filter { $0 != blankUnit && row[$0] >= floor && row[$0] > -.infinity }
        units.sort { row[$0] > row[$1] }
        return Array(units.prefix(configuration.maxUnitsPerFrame))
    }

    private mutating func extend(
        _ hypothesis: Hypothesis, with unit: Int, probability: Double, frame: Int, posterior: Double,
        into next: inout [Key: Hypothesis]
    ) {
        let node = hypothesis.key.node
        if unit == boundary {
            if node == LexiconTrie.root {
                var silent = hypothesis
                silent.key.lastUnit = unit
                silent.blank = -.infinity
                silent.nonBlank = probability
                merge(silent, into: &next)
            } else if separatorRequired {
                for word in decoder.trie.words(endingAt: node) {
                    var done = complete(hypothesis, word: word)
                    done.key.lastUnit = unit
                    done.blank = -.infinity
                    done.nonBlank = probability
                    merge(done, into: &next)
                }
            }
            return
        }
        guard let child = decoder.trie.child(of: node, unit: unit) else { return }
        var grown = hypothesis
        grown.key.node = child
        grown.key.lastUnit = unit
        grown.blank = -.infinity
        grown.nonBlank = probability
        if node == LexiconTrie.root {
            grown.wordStart = frame
            grown.wordLogPosterior = 0
            grown.wordEmissions = 0
        }
        grown.lastEmission = frame
        grown.wordLogPosterior += posterior
        grown.wordEmissions += 1
        merge(grown, into: &next)
        if !separatorRequired {
            for word in decoder.trie.words(endingAt: child) {
                merge(complete(grown, word: word), into: &next)
            }
        }
    }

    /// Closes the current word: scores it with the language model and moves to the trie's root.
    private mutating func complete(_ hypothesis: Hypothesis, word: Int) -> Hypothesis {
        let configuration = decoder.configuration
        var done = hypothesis
        let parent = histories[hypothesis.key.history]
        if let model = decoder.languageModel {
            let id = decoder.languageModelIDs[word]
            done.languageScore += configuration.languageModelWeight * model.logProbability(of: id, after: parent.context)
        }
        done.languageScore += configuration.wordInsertionBonus
        done.key.history = intern(parent: hypothesis.key.history, word: word)
        done.key.node = LexiconTrie.root
        let confidence = hypothesis.wordEmissions > 0 ? exp(hypothesis.wordLogPosterior / Double(hypothesis.wordEmissions)) : 0
        timings.append(Timing(previous: hypothesis.timings, word: word, start: hypothesis.wordStart,
                              end: hypothesis.lastEmission + 1, confidence: confidence))
        done.timings = timings.count - 1
        return done
    }

    private mutating func intern(parent: Int, word: Int) -> Int {
        if let known = historyIndex[HistoryKey(parent: parent, word: word)] { return known }
        var context = histories[parent].context
        if let model = decoder.languageModel {
            context.append(decoder.languageModelIDs[word])
            if context.count > model.order - 1 { context.removeFirst(context.count - (model.order - 1)) }
        }
        histories.append(History(parent: parent, word: word, context: context))
        historyIndex[HistoryKey(parent: parent, word: word)] = histories.count - 1
        return histories.count - 1
    }

    /// Sums the probabilities of two paths to the same prefix; the word timings of the more
    /// probable one are kept.
    private func merge(_ hypothesis: Hypothesis, into next: inout [Key: Hypothesis]) {
        guard var existing = next[hypothesis.key] else {
            next[hypothesis.key] = hypothesis
            return
        }
        let keepNew = hypothesis.acoustic > existing.acoustic
        let blank = logAdd(existing.blank, hypothesis.blank)
        let nonBlank = logAdd(existing.nonBlank, hypothesis.nonBlank)
        if keepNew { existing = hypothesis }
        existing.blank = blank
        existing.nonBlank = nonBlank
        next[hypothesis.key] = existing
    }

    /// Keeps the best hypotheses, in an order that does not depend on hashing, so that a decode
    /// is reproducible bit for bit.
    private func prune(_ next: [Key: Hypothesis]) -> [Hypothesis] {
        // Scores once per hypothesis (each is a log-add), not once per comparison.
        let scored = next.values.map { (score: $0.score, hypothesis: $0) }
        let ranked = scored.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            let x = a.hypothesis.key, y = b.hypothesis.key
            if x.history != y.history { return x.history < y.history }
            if x.node != y.node { return x.node < y.node }
            return x.lastUnit < y.lastUnit
        }
        return ranked.prefix(decoder.configuration.beamWidth).map(\.hypothesis)
    }

    /// Completes words still open at the end, adds the sentence-end probability, and returns the
    /// best hypothesis. Its confidence is its share of the final beam's probability times the
    /// geometric mean of its words' unit posteriors.
    mutating func finish(frameCount: Int) -> Transcript {
        var finals: [Hypothesis] = []
        for hypothesis in beam {
            if hypothesis.key.node == LexiconTrie.root {
                finals.append(hypothesis)
            } else {
                for word in decoder.trie.words(endingAt: hypothesis.key.node) {
                    finals.append(complete(hypothesis, word: word))
                }
            }
        }
        if let model = decoder.languageModel {
            for index in finals.indices {
                let context = histories[finals[index].key.history].context
                finals[index].languageScore += decoder.configuration.languageModelWeight * model.logProbability(of: model.endID, after: context)
            }
        }
        guard let best = finals.max(by: { $0.score < $1.score }) else {
            return Transcript(words: [], confidence: 0)
        }
        let evidence = finals.reduce(-Double.infinity) { logAdd($0, $1.score) }
        let share = exp(best.score - evidence)
        var words: [TimedWord] = []
        var cursor = best.timings
        let seconds = decoder.configuration.secondsPerFrame
        while cursor >= 0 {
            let timing = timings[cursor]
            words.append(TimedWord(word: decoder.words[timing.word], start: Double(timing.start) * seconds,
                                   end: Double(timing.end) * seconds, confidence: timing.confidence))
            cursor = timing.previous
        }
        words.reverse()
        let wordConfidence = words.isEmpty ? 1 : exp(words.map { log(max($0.confidence, 1e-12)) }.reduce(0, +) / Double(words.count))
        return Transcript(words: words, confidence: share * wordConfidence)
    }
}
