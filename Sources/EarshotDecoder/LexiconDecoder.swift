import EarshotCore
import Foundation

/// Settings of the lexicon-constrained CTC beam search.
public struct BeamSearchConfiguration: Sendable, Codable, Equatable {
    /// Hypotheses kept after each frame.
    public var beamWidth: Int = 24
    /// Weight of the language model's natural-log probability.
    public var languageModelWeight: Double = 0.5
    /// Added per word (in nats); positive values favour more words.
    public var wordInsertionBonus: Double = 0
    /// Units more than this many nats below a frame's best unit are not tried.
    public var unitPruning: Double = 10
    /// At most this many units are tried per frame.
    public var maxUnitsPerFrame: Int = 12
    /// Seconds between two network output frames (frame shift × subsampling).
    public var secondsPerFrame: Double = 0.01

    public init() {}
}

/// A CTC prefix beam search whose hypotheses may only spell words of a lexicon, scored with an
/// optional n-gram language model when a word completes. Immutable, so one instance decodes
/// from many threads at once.
public final class LexiconDecoder: Sendable {
    public let inventory: UnitInventory
    public let lexicon: Lexicon
    public let languageModel: NGramLanguageModel?
    public let configuration: BeamSearchConfiguration
    let words: [String]
    let languageModelIDs: [Int32]
    let trie: LexiconTrie

    public init(
        inventory: UnitInventory, lexicon: Lexicon, languageModel: NGramLanguageModel?,
        configuration: BeamSearchConfiguration = .init()
    ) throws(DecoderError) {
        guard inventory.symbols.indices.contains(inventory.blank) else {
            throw .invalidInput("blank index \(inventory.blank) is outside the \(inventory.symbols.count) units")
        }
        guard configuration.beamWidth >= 1, configuration.maxUnitsPerFrame >= 1 else {
            throw .invalidInput("beam width and units per frame must be at least 1")
        }
        if case .separator(let unit) = inventory.wordBoundary, inventory.index(of: unit) == nil {
            throw .invalidInput("word separator '\(unit)' is not one of the model's units")
        }
        self.inventory = inventory
        self.lexicon = lexicon
        self.languageModel = languageModel
        self.configuration = configuration
        words = lexicon.words
        var entries: [(word: Int, units: [Int])] = []
        for (wordIndex, word) in words.enumerated() {
            for pronunciation in lexicon.pronunciations[word] ?? [] {
                var units: [Int] = []
                for name in pronunciation {
                    guard let index = inventory.index(of: name), index != inventory.blank else {
                        throw .unknownUnit(word: word, unit: name)
                    }
                    units.append(index)
                }
                entries.append((wordIndex, units))
            }
        }
        trie = LexiconTrie(pronunciations: entries)
        languageModelIDs = words.map { languageModel?.id(of: $0) ?? -1 }
    }

    /// Decodes one utterance from the network's log posteriors (natural log, frames × units,
    /// row-major).
    public func decode(logPosteriors: [Float], frameCount: Int) throws(DecoderError) -> Transcript {
        let unitCount = inventory.symbols.count
        guard frameCount >= 0, logPosteriors.count == frameCount * unitCount else {
            throw .invalidInput("expected \(frameCount) × \(unitCount) log posteriors, got \(logPosteriors.count)")
        }
        guard logPosteriors.allSatisfy({ !$0.isNaN && $0 <= 1e-3 }) else {
            throw .invalidInput("log posteriors must be finite logs of probabilities (≤ 0), without NaN")
        }
        var search = BeamSearch(decoder: self)
        logPosteriors.withUnsafeBufferPointer { all in
            for frame in 0..<frameCount {
                search.advance(frame: frame, row: UnsafeBufferPointer(rebasing: all[(frame * unitCount)..<((frame + 1) * unitCount)]))
            }
        }
        return search.finish(frameCount: frameCount)
    }
}
