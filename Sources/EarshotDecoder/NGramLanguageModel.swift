import Foundation

/// A word n-gram language model in backoff form, as the ARPA format stores it.
/// Probabilities are kept as log10 (the ARPA convention); `logProbability` returns natural logs.
public struct NGramLanguageModel: Sendable, Equatable {
    public static let sentenceStart = "<s>"
    public static let sentenceEnd = "</s>"
    public static let unknown = "<unk>"

    struct Entry: Sendable, Equatable {
        var log10Probability: Double
        var log10Backoff: Double
    }

    public let order: Int
    /// Every word the model knows, by id.
    public let vocabulary: [String]
    let ids: [String: Int32]
    /// `tables[k - 1]` holds the k-grams.
    let tables: [[[Int32]: Entry]]

    init(order: Int, vocabulary: [String], tables: [[[Int32]: Entry]]) {
        self.order = order
        self.vocabulary = vocabulary
        var ids: [String: Int32] = [:]
        for (index, word) in vocabulary.enumerated() { ids[word] = Int32(index) }
        self.ids = ids
        self.tables = tables
    }

    public var startID: Int32 { ids[Self.sentenceStart] ?? -1 }
    public var endID: Int32 { ids[Self.sentenceEnd] ?? -1 }
    public var unknownID: Int32? { ids[Self.unknown] }

    /// The id of a word, or of `<unk>` for words the model has not seen (nil without `<unk>`).
    public func id(of word: String) -> Int32? { ids[word] ?? unknownID }

    public func contains(_ word: String) -> Bool { ids[word] != nil }

    /// Number of n-grams of each order, lowest first.
    public var counts: [Int] { tables.map(\.count) }

    /// log10 P(word | history), backing off as ARPA prescribes; `history` is oldest first.
    public func log10Probability(of word: Int32, after history: some Collection<Int32>) -> Double {
        let usable = Array(history.suffix(order - 1))
        var penalty = 0.0
        for length in stride(from: usable.count, through: 0, by: -1) {
            let context = Array(usable.suffix(length))
            if let entry = tables[length][context + [word]] {
                return penalty + entry.log10Probability
            }
            if length > 0, let contextEntry = tables[length - 1][context] {
                penalty += contextEntry.log10Backoff
            }
        }
        // Neither the word nor <unk> is in the model: a very unlikely event, not an impossible one.
        return penalty - 99
    }

    /// Natural-log P(word | history).
    public func logProbability(of word: Int32, after history: some Collection<Int32>) -> Double {
        log10Probability(of: word, after: history) * M_LN10
    }

    /// log10 probability of a whole sentence, including its end, as SRILM's `-ppl` counts it.
    public func log10Probability(ofSentence words: [String]) -> Double {
        var history: [Int32] = [startID]
        var total = 0.0
        for word in words {
            let id = id(of: word) ?? -1
            total += log10Probability(of: id, after: history)
            history.append(id)
        }
        return total + log10Probability(of: endID, after: history)
    }
}
