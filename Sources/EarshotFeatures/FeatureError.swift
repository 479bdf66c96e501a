/// Everything that can go wrong computing, normalizing or writing features, each naming the
/// input or field and the reason.
public enum FeatureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A configuration value is out of range; `field` uses Kaldi's option name.
    case invalidOption(field: String, reason: String)
    /// A sample is NaN or infinite.
    case nonFiniteSample(source: String, index: Int)
    /// The sample rate does not match the one the extractor was built for.
    case sampleRateMismatch(source: String, expected: Int, actual: Int)
    /// Matrices or statistics whose dimensions do not agree.
    case dimensionMismatch(source: String, expected: Int, actual: Int)
    /// A config, statistics or .npy file that cannot be parsed.
    case malformedFile(source: String, reason: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidOption(let field, let reason):
            "invalid option \(field): \(reason)"
        case .nonFiniteSample(let source, let index):
            "\(source): sample \(index) is NaN or infinite; features need finite samples"
        case .sampleRateMismatch(let source, let expected, let actual):
            "\(source): sample rate \(actual) Hz, but sample_frequency is \(expected) Hz (resample the audio or drop the option)"
        case .dimensionMismatch(let source, let expected, let actual):
            "\(source): dimension \(actual), expected \(expected)"
        case .malformedFile(let source, let reason):
            "\(source): \(reason)"
        case .writeFailed(let path, let reason):
            "\(path): cannot write: \(reason)"
        }
    }
}
