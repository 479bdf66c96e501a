/// Aligns sequences of interned word ids (or any `Int32` symbols) under an
/// `AlignmentConvention`. Keeps its work buffers between calls, so scoring a corpus
/// allocates nothing per pair once the largest pair has been seen; memory is one pair's
/// (n+1)·(m+1) cost matrix.
public struct WordAligner: Sendable {
    public let convention: AlignmentConvention
    var cost: [Int32] = []
    var back: [UInt8] = []
    /// The last alignment's ops, built in reverse during the backtrace.
    var reversedOps: [EditOp] = []

    public init(convention: AlignmentConvention = .jiwer) {
        self.convention = convention
    }

    /// Aligns and returns the counts only (no op array is allocated).
    public mutating func counts(reference: [Int32], hypothesis: [Int32]) -> EditCounts {
        run(reference, hypothesis)
        return EditCounts(ops: reversedOps)
    }

    /// Aligns and returns the full op sequence in reading order.
    public mutating func align(reference: [Int32], hypothesis: [Int32]) -> Alignment {
        run(reference, hypothesis)
        return Alignment(ops: reversedOps.reversed())
    }

    /// Calls `body` with the ops of the alignment in reading order, without copying them.
    public mutating func withOps<R>(reference: [Int32], hypothesis: [Int32],
                                    _ body: (ReversedCollection<[EditOp]>) -> R) -> R {
        run(reference, hypothesis)
        return body(reversedOps.reversed())
    }

    /// Aligns two word sequences, interning the words locally.
    public mutating func align(reference: [String], hypothesis: [String]) -> Alignment {
        var interner = WordInterner()
        let r = reference.map { interner.id(for: $0) }
        let h = hypothesis.map { interner.id(for: $0) }
        return align(reference: r, hypothesis: h)
    }

    /// Aligns two texts character by character (Unicode scalars, spaces included), e.g. to
    /// show where a label and a transcript differ inside words.
    public mutating func alignCharacters(reference: String, hypothesis: String) -> Alignment {
        align(reference: reference.unicodeScalars.map { Int32(bitPattern: $0.value) },
              hypothesis: hypothesis.unicodeScalars.map { Int32(bitPattern: $0.value) })
    }

    mutating func run(_ reference: [Int32], _ hypothesis: [Int32]) {
        reversedOps.removeAll(keepingCapacity: true)
        reference.withUnsafeBufferPointer { r in
            hypothesis.withUnsafeBufferPointer { h in
                switch convention {
                case .jiwer: alignLevenshtein(r, h)
                case .sclite: alignSclite(r, h)
                }
            }
        }
    }

    /// Makes `cost` (and `back` if needed) hold at least `cells` entries.
    mutating func reserve(cells: Int, withBack: Bool) {
        if cost.count < cells { cost = [Int32](repeating: 0, count: cells) }
        if withBack, back.count < cells { back = [UInt8](repeating: 0, count: cells) }
    }
}
