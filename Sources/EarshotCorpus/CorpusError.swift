import EarshotAudio

/// Everything that can go wrong building, reading or writing a corpus, each naming the file
/// (and line, where there is one) and the reason.
public enum CorpusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A line of a manifest, Kaldi file, CSV or grammar that cannot be understood.
    case malformedLine(file: String, line: Int, reason: String)
    /// A file or folder whose content as a whole is wrong (missing pieces, duplicates).
    case invalidFile(file: String, reason: String)
    case fileNotFound(path: String)
    case readFailed(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case audio(AudioError)
    case synthesis(reason: String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .malformedLine(let file, let line, let reason): "\(file):\(line): \(reason)"
        case .invalidFile(let file, let reason): "\(file): \(reason)"
        case .fileNotFound(let path): "\(path): no such file or folder"
        case .readFailed(let path, let reason): "\(path): cannot read: \(reason)"
        case .writeFailed(let path, let reason): "\(path): cannot write: \(reason)"
        case .audio(let error): error.description
        case .synthesis(let reason): "speech synthesis failed: \(reason)"
        case .invalidArgument(let reason): reason
        }
    }
}
