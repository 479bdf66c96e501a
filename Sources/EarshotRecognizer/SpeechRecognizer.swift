import EarshotAudio
import EarshotDecoder

/// The name and version every response and log row carries, so a transcript can always be
/// traced to the model that produced it.
public struct ModelInfo: Sendable, Codable, Equatable, Hashable {
    public var name: String
    public var version: String

    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }
}

/// Turns decoded audio into a transcript: what a server or any other host needs of a model.
/// `Recognizer` (features → acoustic model → decoder) conforms; so do the servers' test doubles.
///
/// `recognize` is synchronous CPU work; hosts call it off their event loops, possibly from
/// several threads at once, so it must be safe to call concurrently.
public protocol SpeechRecognizer: Sendable {
    var modelInfo: ModelInfo { get }
    /// Dev WER (0–1) the model was shipped with, when known: the live-WER alarm's yardstick.
    var expectedWER: Double? { get }
    /// The model's reference statistics by metric name (`MonitoredMetric` raw values), the
    /// distributions drift monitoring compares live traffic against; empty when there are none.
    var referenceStatistics: [String: [Double]] { get }
    /// Words the model can output (lowercased), for the out-of-vocabulary share; nil if open.
    var vocabulary: Set<String>? { get }
    /// Audio as decoded by the host: any sample rate and channel count.
    func recognize(_ waveform: Waveform) throws -> Transcript
}

extension SpeechRecognizer {
    public var expectedWER: Double? { nil }
    public var referenceStatistics: [String: [Double]] { [:] }
    public var vocabulary: Set<String>? { nil }
}

extension Recognizer: SpeechRecognizer {
    public var modelInfo: ModelInfo { ModelInfo(name: name, version: version) }
    public var expectedWER: Double? { bundle.metadata.evaluation["dev_wer"] }
    public var referenceStatistics: [String: [Double]] { bundle.metadata.referenceStatistics }
    public var vocabulary: Set<String>? { bundle.lexicon.map { Set($0.pronunciations.keys.map { $0.lowercased() }) } }

    public func recognize(_ waveform: Waveform) throws -> Transcript {
        try transcribe(waveform).transcript
    }
}
