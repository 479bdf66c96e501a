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
    /// Counts indexed by word id (arrays: every insertion and deletion is counted, so
    /// hashing them would cost more than the alignment).
    var insertions: [Int] = []
    var deletions: [Int] = []

    static func increment(_ counts: inout [Int], _ id: Int32, by amount: Int = 1) {
        let index = Int(id)
        if index >= counts.count { counts.append(contentsOf: repeatElement(0, count: index + 1 - counts.count + 64)) }
        counts[index] += amount
    }

    static func key(_ reference: Int32, _ hypothesis: Int32) -> Int64 {
        Int64(reference) << 32 | Int64(UInt32(bitPattern: hypothesis))
    }

    /// Adds another counter's counts, whose word ids map to ours through `mapping`.
    mutating func merge(_ other: ConfusionCounter, mapping: [Int32]) {
        for (key, count) in other.substitutions {
            let reference = mapping[Int(key >> 32)], hypothesis = mapping[Int(UInt32(truncatingIfNeeded: key))]
            substitutions[Self.key(reference, hypothesis), default: 0] += count
        }
        for (id, count) in other.insertions.enumerated() where count > 0 { Self.increment(&insertions, mapping[id], by: count) }
        for (id, count) in other.deletions.enumerated() where count > 0 { Self.increment(&deletions, mapping[id], by: count) }
    }

    func table(limit: Int, word: (Int32) -> String) -> ConfusionTable {
        func top<K>(_ counts: some Sequence<(K, Int)>, _ name: (K) -> String) -> [(String, Int)] {
            let counted = counts.filter { $0.1 > 0 }
            guard limit > 0, !counted.isEmpty else { return [] }
            // Only entries at least as frequent as the limit-th get names (ties are ordered by name).
            let threshold = counted.map(\.1).sorted(by: >)[min(limit, counted.count) - 1]
            return counted.filter { $0.1 >= threshold }.map { (name($0.0), $0.1) }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                .prefix(limit).map { $0 }
        }
        let separator = "\u{0}"
        let pairs = top(substitutions.lazy.map { ($0.key, $0.value) }) { word(Int32(truncatingIfNeeded: $0 >> 32)) + separator + word(Int32(truncatingIfNeeded: $0)) }
        return ConfusionTable(
            substitutions: pairs.map { entry in
                let parts = entry.0.split(separator: separator, omittingEmptySubsequences: false)
                return .init(reference: String(parts[0]), hypothesis: String(parts.count > 1 ? parts[1] : ""), count: entry.1)
            },
            insertions: top(insertions.enumerated().lazy.map { (Int32($0.offset), $0.element) }, word).map { .init(word: $0.0, count: $0.1) },
            deletions: top(deletions.enumerated().lazy.map { (Int32($0.offset), $0.element) }, word).map { .init(word: $0.0, count: $0.1) })
    }
}
