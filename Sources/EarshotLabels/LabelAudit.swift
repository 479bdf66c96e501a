/// The label-consistency audit: groups transcripts by clip, analyzes each clip and pools the
/// findings into a `LabelAuditReport`. One pass over the clips, on one core.
public struct LabelAudit: Sendable {
    public struct Options: Sendable {
        /// A clip whose reconciled disagreement exceeds this is flagged for relabeling.
        public var flagThreshold: Double = 0.2
        /// Examples kept per convention kind.
        public var examplesPerKind: Int = 5

        public init(flagThreshold: Double = 0.2, examplesPerKind: Int = 5) {
            self.flagThreshold = flagThreshold
            self.examplesPerKind = examplesPerKind
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    public static let normalizationSummary = """
        white space only for raw WER; normalized WER reconciles every convention \
        (lowercase, digits spelled, punctuation stripped, contractions expanded, fillers dropped, \
        compounds unhyphenated and joined as written in the clip); WER of a pair = edits / mean length
        """

    /// Clips in first-appearance order, each with its rows; a second row by the same
    /// annotator for a clip is a problem and is left out.
    public static func groupByClip(_ records: [LabelRecord], source: String) -> (clips: [[LabelRecord]], problems: [LabelsError]) {
        var index: [String: Int] = [:]
        var clips: [[LabelRecord]] = []
        var problems: [LabelsError] = []
        for record in records {
            if let k = index[record.clipID] {
                if let first = clips[k].first(where: { $0.annotator == record.annotator }) {
                    problems.append(.duplicateRow(path: source, line: record.line, clipID: record.clipID,
                                                  annotator: record.annotator, firstLine: first.line))
                    continue
                }
                clips[k].append(record)
            } else {
                index[record.clipID] = clips.count
                clips.append([record])
            }
        }
        return (clips, problems)
    }

    /// Audits `set`; `progress` is told the number of rows of each clip as it is done.
    public func run(_ set: LabelSet, source: String, progress: (Int) -> Void = { _ in }) -> LabelAuditReport {
        let (clips, duplicates) = Self.groupByClip(set.records, source: source)
        var analyzer = ClipAnalyzer(flagThreshold: options.flagThreshold)
        var pool = AuditPool(examplesPerKind: options.examplesPerKind)
        for (k, rows) in clips.enumerated() {
            pool.add(analyzer.analyze(rows), rows: rows, clipIndex: k)
            progress(rows.count)
        }
        return pool.report(source: source, labels: set.records.count - duplicates.count, clips: clips.count,
                           threshold: options.flagThreshold,
                           problems: (set.problems + duplicates).map(\.description))
    }
}
