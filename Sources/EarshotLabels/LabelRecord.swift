/// One transcript of one clip by one annotator, with the row's other columns as tags.
public struct LabelRecord: Sendable, Hashable, Codable {
    public var clipID: String
    public var annotator: String
    public var text: String
    /// Extra columns of the row (`noise=car`, `accent=scottish`, ...), used for slicing.
    public var tags: [String: String]
    /// 1-based line in the source file, for messages.
    public var line: Int

    public init(clipID: String, annotator: String, text: String, tags: [String: String] = [:], line: Int = 0) {
        self.clipID = clipID
        self.annotator = annotator
        self.text = text
        self.tags = tags
        self.line = line
    }
}

/// Labels read from a file, with the rows that could not be used (reported, not fatal).
public struct LabelSet: Sendable {
    public var records: [LabelRecord]
    public var problems: [LabelsError]

    public init(records: [LabelRecord], problems: [LabelsError] = []) {
        self.records = records
        self.problems = problems
    }
}
