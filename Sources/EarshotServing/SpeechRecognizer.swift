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

/// Turns decoded audio into a transcript. The server knows nothing else about how a
/// transcript is made: the real pipeline (features → acoustic model → decoder) and test
/// doubles both conform.
///
/// `transcribe` is synchronous CPU work; the server calls it on its worker pool, never on an
/// event loop, and at most `workers` calls run at once. It must be safe to call concurrently.
public protocol SpeechRecognizer: Sendable {
    var modelInfo: ModelInfo { get }
    /// Audio as decoded by the server: any sample rate and channel count the loader returned.
    func transcribe(_ waveform: Waveform) throws -> Transcript
}
