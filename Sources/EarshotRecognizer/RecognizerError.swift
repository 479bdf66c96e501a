/// Errors of the recognizer module: model bundle files and the transcription pipeline.
public enum RecognizerError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notABundle(source: String)
    case unsupportedVersion(source: String, version: UInt32, supported: UInt32)
    case truncated(source: String, reason: String)
    case checksumMismatch(source: String, stored: UInt32, computed: UInt32)
    case corrupt(source: String, reason: String)
    case inconsistent(field: String, reason: String)
    case noDefaultModel
    case audio(file: String, reason: String)
    case pipeline(file: String, stage: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read the model: \(reason)"
        case .notABundle(let source): "\(source): not an Earshot model file (wrong magic bytes)"
        case .unsupportedVersion(let source, let version, let supported):
            "\(source): model format version \(version) is not supported (this build reads version \(supported))"
        case .truncated(let source, let reason): "\(source): model file is truncated: \(reason)"
        case .checksumMismatch(let source, let stored, let computed):
            "\(source): model file is corrupt: checksum \(String(stored, radix: 16)) stored, \(String(computed, radix: 16)) computed"
        case .corrupt(let source, let reason): "\(source): model file is corrupt: \(reason)"
        case .inconsistent(let field, let reason): "model bundle: \(field): \(reason)"
        case .noDefaultModel: "no default model is bundled with this build; pass --model"
        case .audio(let file, let reason): "\(file): \(reason)"
        case .pipeline(let file, let stage, let reason): "\(file): \(stage): \(reason)"
        }
    }
}
