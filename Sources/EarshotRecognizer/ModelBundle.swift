import EarshotAcousticModel
import EarshotAudio
import EarshotCore
import EarshotDecoder
import EarshotFeatures
import Foundation

/// How audio becomes the network's input: the extractor's options, global CMVN statistics
/// (per-utterance CMVN hurts short single-word clips, whose mean cepstrum carries the word),
/// and optional deltas.
public struct FeatureSettings: Sendable, Codable, Equatable {
    public var config: FeatureConfig
    public var cmvn: CMVNStats
    public var normalizeVariance: Bool
    public var deltas: DeltaOptions?
    /// When set, each utterance's mean is blended into the global one, the global mean counting
    /// as this many frames (`CMVNMode.blended`); nil = global CMVN only.
    public var utteranceMeanPriorFrames: Double?

    public init(
        config: FeatureConfig, cmvn: CMVNStats, normalizeVariance: Bool = true, deltas: DeltaOptions? = nil,
        utteranceMeanPriorFrames: Double? = nil
    ) {
        self.config = config
        self.cmvn = cmvn
        self.normalizeVariance = normalizeVariance
        self.deltas = deltas
        self.utteranceMeanPriorFrames = utteranceMeanPriorFrames
    }

    /// The sample rate every input is converted to before extraction.
    public static let sampleRate = 16_000
    /// How every input reaches `sampleRate`, in training and recognition alike: mono, libsoxr's
    /// high-quality preset (sox's default; 91 % of the band kept, 20-bit precision).
    public static let inputConversion = ConversionOptions(sampleRate: sampleRate, quality: .high)

    public func pipeline() throws -> FeaturePipeline {
        do {
            let mode: CMVNMode = utteranceMeanPriorFrames.map { .blended(cmvn, priorFrames: $0, normalizeVariance: normalizeVariance) }
                ?? .global(cmvn, normalizeVariance: normalizeVariance)
            return try FeaturePipeline(config: config, cmvn: mode, deltas: deltas)
        } catch {
            throw RecognizerError.inconsistent(field: "features", reason: error.description)
        }
    }
}

/// Where a model came from and how it did: for people, the server's responses and drift monitoring.
public struct BundleMetadata: Sendable, Codable, Equatable {
    public var name: String
    public var version: String
    /// ISO 8601 time of writing.
    public var created: String
    /// SHA-256 (hex) of the training manifests' bytes, so a model can be traced to its data.
    public var trainingManifestHash: String
    /// Named figures, e.g. `dev_wer`, `dev_utterances`, `epochs`, `train_seconds`.
    public var evaluation: [String: Double]
    /// Metric → sorted order statistics (see `ReferenceStatistics`).
    public var referenceStatistics: [String: [Double]]

    public init(name: String, version: String, created: String = ISO8601DateFormatter().string(from: Date()),
                trainingManifestHash: String = "", evaluation: [String: Double] = [:],
                referenceStatistics: [String: [Double]] = [:]) {
        self.name = name
        self.version = version
        self.created = created
        self.trainingManifestHash = trainingManifestHash
        self.evaluation = evaluation
        self.referenceStatistics = referenceStatistics
    }
}

/// Everything needed to transcribe, in one value: features, network, lexicon, language model
/// and decoder settings, plus provenance. `ModelBundle+File` reads and writes it as one file.
public struct ModelBundle: Sendable {
    public var metadata: BundleMetadata
    public var features: FeatureSettings
    public var model: AcousticModel
    /// Words the decoder may output (nil: greedy decoding, any spelling).
    public var lexicon: Lexicon?
    public var languageModel: NGramLanguageModel?
    public var decoder: BeamSearchConfiguration
    /// Maps the decoder's raw utterance confidence to a calibrated one (nil: raw). Fitted on dev
    /// by `earshot train` and `earshot models calibrate`.
    public var confidenceCalibration: ConfidenceCalibration?

    public init(metadata: BundleMetadata, features: FeatureSettings, model: AcousticModel, lexicon: Lexicon?,
                languageModel: NGramLanguageModel?, decoder: BeamSearchConfiguration = .init(),
                confidenceCalibration: ConfidenceCalibration? = nil) {
        self.metadata = metadata
        self.features = features
        self.model = model
        self.lexicon = lexicon
        self.languageModel = languageModel
        self.decoder = decoder
        self.confidenceCalibration = confidenceCalibration
    }

    /// The decoder's view of the network's units.
    public var decoderUnits: UnitInventory { model.units }

    /// Checks that the parts fit together: feature width = network input, lexicon spelled in the
    /// network's units, positive frame shift.
    public func validate() throws {
        let pipeline = try features.pipeline()
        guard pipeline.outputDimension == model.config.inputDimensions else {
            throw RecognizerError.inconsistent(
                field: "features", reason: "\(pipeline.outputDimension) feature dimensions, but the network takes \(model.config.inputDimensions)")
        }
        if let lexicon {
            do {
                _ = try LexiconDecoder(inventory: decoderUnits, lexicon: lexicon, languageModel: languageModel, configuration: decoder)
            } catch {
                throw RecognizerError.inconsistent(field: "lexicon", reason: error.description)
            }
        }
    }
}
