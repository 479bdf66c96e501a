/// One step of a word (or character) alignment between a reference and a hypothesis.
public enum EditOp: UInt8, Sendable, Hashable, Codable, CaseIterable {
    /// Reference and hypothesis words are equal (a hit).
    case match
    /// The reference word was recognized as a different word.
    case substitution
    /// The reference word is missing from the hypothesis.
    case deletion
    /// The hypothesis has a word with no reference counterpart.
    case insertion

    /// The mark sclite prints under an aligned pair: blank for a hit, else S, D or I.
    public var mark: String {
        switch self {
        case .match: " "
        case .substitution: "S"
        case .deletion: "D"
        case .insertion: "I"
        }
    }

    /// Whether the step consumes a reference word.
    public var consumesReference: Bool { self != .insertion }
    /// Whether the step consumes a hypothesis word.
    public var consumesHypothesis: Bool { self != .deletion }
}

/// Hits, substitutions, deletions and insertions of one alignment or a sum of many.
public struct EditCounts: Sendable, Hashable, Codable {
    public var hits: Int
    public var substitutions: Int
    public var deletions: Int
    public var insertions: Int

    public init(hits: Int = 0, substitutions: Int = 0, deletions: Int = 0, insertions: Int = 0) {
        self.hits = hits
        self.substitutions = substitutions
        self.deletions = deletions
        self.insertions = insertions
    }

    /// Counts the steps of an op sequence.
    public init<S: Sequence>(ops: S) where S.Element == EditOp {
        self.init()
        for op in ops { add(op) }
    }

    /// Number of reference words: hits + substitutions + deletions.
    public var referenceLength: Int { hits + substitutions + deletions }
    /// Number of hypothesis words: hits + substitutions + insertions.
    public var hypothesisLength: Int { hits + substitutions + insertions }
    /// Substitutions + deletions + insertions.
    public var errors: Int { substitutions + deletions + insertions }

    public mutating func add(_ op: EditOp) {
        switch op {
        case .match: hits += 1
        case .substitution: substitutions += 1
        case .deletion: deletions += 1
        case .insertion: insertions += 1
        }
    }

    public static func + (lhs: EditCounts, rhs: EditCounts) -> EditCounts {
        EditCounts(hits: lhs.hits + rhs.hits, substitutions: lhs.substitutions + rhs.substitutions,
                   deletions: lhs.deletions + rhs.deletions, insertions: lhs.insertions + rhs.insertions)
    }

    public static func += (lhs: inout EditCounts, rhs: EditCounts) { lhs = lhs + rhs }
}
