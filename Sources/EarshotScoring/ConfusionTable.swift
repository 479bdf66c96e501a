/// The most frequent substitutions, insertions and deletions of a corpus.
public struct ConfusionTable: Sendable, Codable, Hashable {
    public struct Pair: Sendable, Codable, Hashable {
        public var reference: String
        public var hypothesis: String
        public var count: Int
    }
    public struct Word: Sendable, Codable, Hashable {
        public var word: String
        public var count: Int
    }

    public var substitutions: [Pair]
    public var insertions: [Word]
    public var deletions: [Word]

    public init(substitutions: [Pair] = [], insertions: [Word] = [], deletions: [Word] = []) {
        self.substitutions = substitutions
        self.insertions = insertions
        self.deletions = deletions
    }
}

/// Counts confusions by interned word id during scoring; resolved to words at the end.
struct ConfusionCounter {
    var substitutions: [Int64: Int] = [:]
    var insertions: [Int32: Int] = [:]
    var deletions: [Int32: Int] = [:]

    func table(limit: Int, word: (Int32) -> String) -> ConfusionTable {
        func top<K>(_ counts: [K: Int], _ name: (K) -> String) -> [(String, Int)] {
            counts.map { (name($0.key), $0.value) }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                .prefix(limit).map { $0 }
        }
        let separator = "\u{0}"
        let pairs = top(substitutions) { word(Int32(truncatingIfNeeded: $0 >> 32)) + separator + word(Int32(truncatingIfNeeded: $0)) }
        return ConfusionTable(
            substitutions: pairs.map { entry in
                let parts = entry.0.split(separator: separator, omittingEmptySubsequences: false)
                return .init(reference: String(parts[0]), hypothesis: String(parts.count > 1 ? parts[1] : ""), count: entry.1)
            },
            insertions: top(insertions, word).map { .init(word: $0.0, count: $0.1) },
            deletions: top(deletions, word).map { .init(word: $0.0, count: $0.1) })
    }
}
