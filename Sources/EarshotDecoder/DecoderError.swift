/// Errors of the decoder module: lexicon and language-model files, and decoder inputs.
public enum DecoderError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedLexicon(source: String, line: Int, reason: String)
    case malformedARPA(source: String, line: Int, reason: String)
    case unknownUnit(word: String, unit: String)
    case invalidInput(String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .malformedLexicon(let source, let line, let reason): "\(source):\(line): bad lexicon entry: \(reason)"
        case .malformedARPA(let source, let line, let reason): "\(source):\(line): bad ARPA language model: \(reason)"
        case .unknownUnit(let word, let unit): "lexicon word '\(word)' uses unit '\(unit)', which the acoustic model lacks"
        case .invalidInput(let reason): reason
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        }
    }
}
