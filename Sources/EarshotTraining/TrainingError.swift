/// Errors of the training recipe, each naming the file or field and the reason.
public enum TrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidConfiguration(field: String, reason: String)
    case unreadable(path: String, reason: String)
    case noUsableUtterances(manifest: String, reason: String)
    case checkpoint(path: String, reason: String)
    case training(reason: String)
    /// A replacement vocabulary or language model (`earshot models set-lm`) that does not fit the model.
    case language(source: String, reason: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let field, let reason): "training configuration: \(field): \(reason)"
        case .unreadable(let path, let reason): "\(path): \(reason)"
        case .noUsableUtterances(let manifest, let reason): "\(manifest): no usable utterances (\(reason))"
        case .checkpoint(let path, let reason): "\(path): checkpoint: \(reason)"
        case .training(let reason): "training: \(reason)"
        case .language(let source, let reason): "\(source): \(reason)"
        }
    }
}
