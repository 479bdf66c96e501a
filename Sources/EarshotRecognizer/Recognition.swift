import EarshotAudio
import EarshotDecoder

/// One file's result: the transcript plus the seconds that make a real-time factor one division away.
public struct Recognition: Sendable, Codable, Equatable {
    public var transcript: Transcript
    /// Length of the input audio.
    public var audioSeconds: Double
    /// Wall-clock seconds of features, network and decoding on 16 kHz mono samples (not reading
    /// or resampling the file).
    public var decodeSeconds: Double
    /// CPU seconds the transcribing thread spent on the same work: the compute a core gave this
    /// file, whatever else the machine was doing (all of it when BLAS runs on the calling thread,
    /// as with one BLAS thread, `BLASThreads`' choice when files run in parallel).
    public var cpuSeconds: Double?
    /// CPU seconds per stage, decoding the file included (`earshot transcribe --timings`).
    public var stages: StageTimings?

    public init(transcript: Transcript, audioSeconds: Double, decodeSeconds: Double, cpuSeconds: Double? = nil,
                stages: StageTimings? = nil) {
        self.transcript = transcript
        self.audioSeconds = audioSeconds
        self.decodeSeconds = decodeSeconds
        self.cpuSeconds = cpuSeconds
        self.stages = stages
    }
}

/// Where one file's CPU time went, stage by stage (thread CPU seconds of the transcribing
/// thread; with one BLAS thread, all of the file's compute).
public struct StageTimings: Sendable, Codable, Equatable {
    /// Reading and decoding the file (libsndfile).
    public var decode = 0.0
    /// Downmixing and resampling to 16 kHz mono (libsoxr).
    public var resample = 0.0
    /// Filterbank / MFCC features and CMVN.
    public var features = 0.0
    /// The acoustic model's forward pass.
    public var network = 0.0
    /// The lexicon and n-gram beam search (or greedy decoding).
    public var search = 0.0

    public init(decode: Double = 0, resample: Double = 0, features: Double = 0, network: Double = 0, search: Double = 0) {
        self.decode = decode
        self.resample = resample
        self.features = features
        self.network = network
        self.search = search
    }

    public var total: Double { decode + resample + features + network + search }

    public static func + (a: Self, b: Self) -> Self {
        Self(decode: a.decode + b.decode, resample: a.resample + b.resample, features: a.features + b.features,
             network: a.network + b.network, search: a.search + b.search)
    }
}

/// Audio as the model hears it (16 kHz mono) and what getting it there cost.
public struct RecognizerInput: Sendable {
    public var audio: Waveform
    public var stages: StageTimings

    public init(audio: Waveform, stages: StageTimings = StageTimings()) {
        self.audio = audio
        self.stages = stages
    }
}

/// Per-run changes to the bundle's decoder settings (nil keeps the bundle's value).
public struct DecoderOverrides: Sendable, Equatable {
    public var beamWidth: Int?
    public var languageModelWeight: Double?
    /// Best-path decoding without lexicon or LM.
    public var greedy = false

    public init(beamWidth: Int? = nil, languageModelWeight: Double? = nil, greedy: Bool = false) {
        self.beamWidth = beamWidth
        self.languageModelWeight = languageModelWeight
        self.greedy = greedy
    }
}
