/// Everything that can go wrong building, running, training or loading an acoustic model,
/// each case naming the field or source and the reason.
public enum AcousticModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A model or training configuration field is out of range.
    case invalidConfiguration(field: String, reason: String)
    /// A matrix's value count does not match its shape.
    /// Input features have the wrong number of dimensions for the model.
    case inputDimensionMismatch(expected: Int, actual: Int)
    /// An input has no frames, or contains NaN or infinity.
    case invalidInput(reason: String)
    /// A label is outside the unit inventory or is the blank.
    case invalidLabel(label: Int, unitCount: Int, blank: Int)
    /// A text contains a character the unit inventory has no unit for.
    /// CTC cannot align the labels: too many for the frames (repeats need a blank between them).
    case infeasibleAlignment(labels: Int, requiredFrames: Int, frames: Int)
    /// A batch has no utterance whose labels fit its frames.
    case noTrainableUtterance(batchSize: Int)
    /// Back-propagation produced NaN or infinity; the update was not applied.
    case nonFiniteGradient(step: Int)
    /// A parameter or gradient vector has the wrong length for the model.
    case parameterCountMismatch(expected: Int, actual: Int)
    /// Model bytes do not start with the model magic.
    case badMagic(source: String)
    /// Model bytes have a format version this build cannot read.
    case unsupportedVersion(source: String, found: UInt32, supported: UInt32)
    /// Model bytes end before the lengths in their header say they should.
    case truncated(source: String, expectedBytes: Int, actualBytes: Int)
    /// Model bytes fail their checksum: they were changed after writing.
    case checksumMismatch(source: String, stored: UInt32, computed: UInt32)
    /// Model bytes pass the checksum but describe an unusable model.
    case corrupt(source: String, reason: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let field, let reason):
            "invalid model configuration: \(field): \(reason)"
        case .inputDimensionMismatch(let expected, let actual):
            "input features have \(actual) dimensions; the model expects \(expected)"
        case .invalidInput(let reason):
            "invalid input: \(reason)"
        case .invalidLabel(let label, let unitCount, let blank):
            "label \(label) is not a non-blank unit (units 0..<\(unitCount), blank \(blank))"
        case .infeasibleAlignment(let labels, let requiredFrames, let frames):
            "CTC cannot align \(labels) labels to \(frames) output frames (needs at least \(requiredFrames))"
        case .noTrainableUtterance(let batchSize):
            "none of the \(batchSize) utterances in the batch has labels that fit its frames"
        case .nonFiniteGradient(let step):
            "training step \(step): the gradient is NaN or infinite; the update was skipped"
        case .parameterCountMismatch(let expected, let actual):
            "parameter vector has \(actual) values; the model has \(expected)"
        case .badMagic(let source):
            "\(source): not an Earshot acoustic model (wrong magic bytes)"
        case .unsupportedVersion(let source, let found, let supported):
            "\(source): model format version \(found) is not supported (this build reads version \(supported))"
        case .truncated(let source, let expectedBytes, let actualBytes):
            "\(source): truncated model: expected \(expectedBytes) bytes, found \(actualBytes)"
        case .checksumMismatch(let source, let stored, let computed):
            "\(source): corrupt model: checksum \(hex(computed)) does not match stored \(hex(stored))"
        case .corrupt(let source, let reason):
            "\(source): corrupt model: \(reason)"
        }
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
