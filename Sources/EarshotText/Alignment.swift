/// A complete alignment of a reference against a hypothesis: the op sequence in order and its
/// counts. Positions are implicit: each op consumes the next reference and/or hypothesis item.
public struct Alignment: Sendable, Hashable, Codable {
    public let ops: [EditOp]
    public let counts: EditCounts

    public init(ops: [EditOp]) {
        self.ops = ops
        self.counts = EditCounts(ops: ops)
    }

    /// One aligned column: the reference and hypothesis indices it uses (nil for a gap).
    public struct Column: Sendable, Hashable {
        public let op: EditOp
        public let referenceIndex: Int?
        public let hypothesisIndex: Int?
    }

    /// The aligned columns, for printing REF/HYP lines or collecting confusion pairs.
    public var columns: [Column] {
        var r = 0, h = 0
        return ops.map { op in
            let column = Column(op: op, referenceIndex: op.consumesReference ? r : nil,
                                hypothesisIndex: op.consumesHypothesis ? h : nil)
            if op.consumesReference { r += 1 }
            if op.consumesHypothesis { h += 1 }
            return column
        }
    }

    /// Applies the edit to `reference`, taking inserted and substituted items from
    /// `hypothesis`. Returns nil when the ops do not fit the two sequences or a match pairs
    /// unequal items, or a substitution pairs equal ones; otherwise the result equals `hypothesis`
    /// exactly when the alignment is valid.
    public func replay<T: Equatable>(reference: [T], hypothesis: [T]) -> [T]? {
        var out: [T] = []
        var r = 0, h = 0
        for op in ops {
            switch op {
            case .match:
                guard r < reference.count, h < hypothesis.count, reference[r] == hypothesis[h] else { return nil }
                out.append(reference[r]); r += 1; h += 1
            case .substitution:
                guard r < reference.count, h < hypothesis.count, reference[r] != hypothesis[h] else { return nil }
                out.append(hypothesis[h]); r += 1; h += 1
            case .deletion:
                guard r < reference.count else { return nil }
                r += 1
            case .insertion:
                guard h < hypothesis.count else { return nil }
                out.append(hypothesis[h]); h += 1
            }
        }
        guard r == reference.count, h == hypothesis.count else { return nil }
        return out
    }
}
