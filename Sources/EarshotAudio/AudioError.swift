/// Everything that can go wrong reading or writing audio, each with the file and the reason.
public enum AudioError: Error, Sendable, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadable(source: String, reason: String)
    case unsupportedFormat(source: String, reason: String)
    case corrupt(source: String, reason: String)
    case empty(source: String)
    case tooLarge(source: String, reason: String)
    case writeFailed(path: String, reason: String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .fileNotFound(let path): "\(path): no such file"
        case .unreadable(let source, let reason): "\(source): cannot read: \(reason)"
        case .unsupportedFormat(let source, let reason): "\(source): unsupported audio format: \(reason)"
        case .corrupt(let source, let reason): "\(source): corrupt or truncated audio: \(reason)"
        case .empty(let source): "\(source): contains no audio samples"
        case .tooLarge(let source, let reason): "\(source): too large: \(reason)"
        case .writeFailed(let path, let reason): "\(path): cannot write: \(reason)"
        case .invalidArgument(let reason): reason
        }
    }
}
