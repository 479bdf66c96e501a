import EarshotAudio
import EarshotDecoder
import EarshotRecognizer

/// The real recognizer behind the server: a loaded model bundle's pipeline
/// (16 kHz mono → features → global CMVN → network → lexicon/LM beam search).
public struct PipelineRecognizer: SpeechRecognizer {
    public let recognizer: Recognizer

    public init(recognizer: Recognizer) {
        self.recognizer = recognizer
    }

    /// Loads the bundle at `path`, or the default model shipped in the build when `path` is nil.
    public init(modelPath path: String?) throws {
        let bundle = try path.map { try ModelBundle(path: $0) } ?? Recognizer.defaultBundle()
        recognizer = try Recognizer(bundle: bundle)
    }

    public var modelInfo: ModelInfo { ModelInfo(name: recognizer.name, version: recognizer.version) }

    public func transcribe(_ waveform: Waveform) throws -> Transcript {
        try recognizer.transcribe(waveform).transcript
    }
}
