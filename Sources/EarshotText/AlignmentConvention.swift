/// How a word alignment chooses among edit paths. The S/D/I split (not only the error total)
/// depends on it, so scores are comparable only under the same convention.
public enum AlignmentConvention: String, Sendable, Hashable, Codable, CaseIterable {
    /// jiwer 4.0's: a minimum edit distance with unit costs, ties broken as rapidfuzz's
    /// `Levenshtein.editops` does (common prefix and suffix matched first; the backtrace from
    /// the end prefers a deletion, then an insertion, then the diagonal). For pairs with
    /// ≥ 2²² word pairs rapidfuzz uses Hirschberg's algorithm and may split S/D/I differently
    /// (same error total).
    case jiwer
    /// NIST sclite's: substitution costs 4, insertion and deletion 3, a hit 0; the forward pass
    /// prefers the diagonal, then a deletion, then an insertion. It is not a minimum edit
    /// distance: it may report more errors and fewer substitutions than `jiwer`.
    case sclite

    /// A one-line description for reports.
    public var summary: String {
        switch self {
        case .jiwer: "jiwer 4 (minimum edit distance, unit costs, rapidfuzz tie-breaking)"
        case .sclite: "sclite (substitution 4, insertion 3, deletion 3)"
        }
    }
}
