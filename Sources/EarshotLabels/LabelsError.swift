/// Everything that can go wrong reading labels, manifests and word lists, or writing outputs,
/// each naming the file (and line or field) and the reason.
public enum LabelsError: Error, Sendable, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case missingColumn(path: String, column: String, header: String)
    case malformedLine(path: String, line: Int, reason: String)
    case duplicateRow(path: String, line: Int, clipID: String, annotator: String, firstLine: Int)
    case invalidOption(String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path): "\(path): no such file"
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .missingColumn(let path, let column, let header):
            "\(path): no '\(column)' column in the header (\(header))"
        case .malformedLine(let path, let line, let reason): "\(path):\(line): \(reason)"
        case .duplicateRow(let path, let line, let clipID, let annotator, let firstLine):
            "\(path):\(line): clip '\(clipID)' by annotator '\(annotator)' already labelled on line \(firstLine); row ignored"
        case .invalidOption(let reason): reason
        case .writeFailed(let path, let reason): "\(path): cannot write: \(reason)"
        }
    }
}
