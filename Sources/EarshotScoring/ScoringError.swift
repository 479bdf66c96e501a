/// Every way scoring inputs can be wrong, each naming the file (and line) and the reason.
public enum ScoringError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformedLine(path: String, line: Int, reason: String)
    case duplicateID(path: String, id: String, line: Int, firstLine: Int)
    case missingColumn(path: String, column: String)
    case invalidValue(path: String, line: Int, reason: String)
    case noUtterances(path: String)
    case utteranceTooLong(id: String, referenceWords: Int, hypothesisWords: Int)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "\(path): cannot read: \(reason)"
        case let .malformedLine(path, line, reason): "\(path):\(line): malformed line: \(reason)"
        case let .duplicateID(path, id, line, firstLine):
            "\(path):\(line): duplicate utterance id '\(id)' (first seen on line \(firstLine))"
        case let .missingColumn(path, column): "\(path):1: header has no '\(column)' column"
        case let .invalidValue(path, line, reason): "\(path):\(line): \(reason)"
        case let .noUtterances(path): "\(path): no utterances"
        case let .utteranceTooLong(id, referenceWords, hypothesisWords):
            "utterance '\(id)': \(referenceWords) × \(hypothesisWords) words is too long to align in memory "
                + "(limit \(CorpusScorer.maximumAlignmentCells) cells); not scored, split it"
        }
    }
}
