import EarshotAcousticModel
import EarshotCore
import EarshotCorpus
import Foundation

/// On-the-fly augmentation of training audio (drawn anew every epoch): speed perturbation,
/// additive noise and gain changes gave the largest gains on unseen speakers.
public struct AugmentationSettings: Codable, Sendable, Equatable {
    /// Share of utterances augmented at all in an epoch (the rest stay clean).
    public var probability = 0.8
    public var speeds: [Double] = [0.9, 1.0, 1.1]
    public var noiseProbability = 0.6
    public var noiseKinds: [String] = ["white", "pink", "car", "babble"]
    public var snrs: [Double] = [5, 10, 15, 20, 30]
    public var gainProbability = 0.5
    public var gainRange: [Int] = [-15, 10]
    public var telephoneProbability = 0.2
    public var reverbProbability = 0.0
    /// Vocal-tract-length perturbation (Jaitly & Hinton 2013): when set, every training
    /// utterance of every epoch is heard through a mel filterbank warped by a factor drawn
    /// uniformly from [low, high] (Kaldi's VTLN warp; 0.01 steps), independently of `probability`.
    public var vtlpRange: [Double]?

    public init() {}

    /// Missing keys keep their defaults, so `{"speeds": [0.8, 1.0, 1.2]}` changes only the speeds.
    public init(from decoder: any Decoder) throws {
        let defaults = AugmentationSettings()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        probability = try c.decodeIfPresent(Double.self, forKey: .probability) ?? defaults.probability
        speeds = try c.decodeIfPresent([Double].self, forKey: .speeds) ?? defaults.speeds
        noiseProbability = try c.decodeIfPresent(Double.self, forKey: .noiseProbability) ?? defaults.noiseProbability
        noiseKinds = try c.decodeIfPresent([String].self, forKey: .noiseKinds) ?? defaults.noiseKinds
        snrs = try c.decodeIfPresent([Double].self, forKey: .snrs) ?? defaults.snrs
        gainProbability = try c.decodeIfPresent(Double.self, forKey: .gainProbability) ?? defaults.gainProbability
        gainRange = try c.decodeIfPresent([Int].self, forKey: .gainRange) ?? defaults.gainRange
        telephoneProbability = try c.decodeIfPresent(Double.self, forKey: .telephoneProbability) ?? defaults.telephoneProbability
        reverbProbability = try c.decodeIfPresent(Double.self, forKey: .reverbProbability) ?? defaults.reverbProbability
        vtlpRange = try c.decodeIfPresent([Double].self, forKey: .vtlpRange)
    }

    /// The warp factors VTLP draws from (0.01 apart), or nil when it is off.
    public func vtlpFactors() throws -> [Float]? {
        guard let vtlpRange else { return nil }
        guard vtlpRange.count == 2, vtlpRange[0] <= vtlpRange[1], vtlpRange[0] >= 0.5, vtlpRange[1] <= 2 else {
            throw TrainingError.invalidConfiguration(field: "augmentation.vtlpRange", reason: "need [low, high] with 0.5 ≤ low ≤ high ≤ 2")
        }
        let low = Int((vtlpRange[0] * 100).rounded()), high = Int((vtlpRange[1] * 100).rounded())
        return (low...high).map { Float($0) / 100 }
    }

    /// The corpus module's policy for these settings, or the reason they are invalid.
    public func policy() throws -> AugmentationPolicy {
        var policy = AugmentationPolicy()
        policy.speeds = speeds
        policy.noiseProbability = noiseProbability
        policy.noiseKinds = try noiseKinds.map { name in
            guard let kind = NoiseKind(rawValue: name) else {
                throw TrainingError.invalidConfiguration(field: "augmentation.noiseKinds", reason: "unknown noise '\(name)'")
            }
            return kind
        }
        policy.snrs = snrs
        policy.gainProbability = gainProbability
        guard gainRange.count == 2, gainRange[0] <= gainRange[1] else {
            throw TrainingError.invalidConfiguration(field: "augmentation.gainRange", reason: "need [low, high] with low ≤ high")
        }
        policy.gainRange = gainRange[0]...gainRange[1]
        policy.telephoneProbability = telephoneProbability
        policy.reverbProbability = reverbProbability
        if let problem = policy.problem() { throw TrainingError.invalidConfiguration(field: "augmentation", reason: problem) }
        _ = try vtlpFactors()
        guard (0...1).contains(probability) else {
            throw TrainingError.invalidConfiguration(field: "augmentation.probability", reason: "\(probability) is not in 0...1")
        }
        return policy
    }
}

/// Everything `earshot train --config` can set; every key is optional in the JSON file.
public struct TrainingConfig: Codable, Sendable, Equatable {
    public var name = "earshot-model"
    public var version = "1"
    /// Log-mel filterbank bins (the network's input width).
    public var melBins = 40
    /// When set, the network hears this many MFCC cepstra (computed over `melBins` mel bins)
    /// instead of the log-mel energies: truncating the cepstrum keeps the spectral envelope
    /// and drops pitch harmonics and other fine, speaker-specific detail.
    public var cepstra: Int?
    /// Blend each utterance's feature mean into the global CMVN mean, the global mean counting
    /// as this many frames (nil = global CMVN only; 0 = per-utterance mean). The bundle carries
    /// it, so recognition normalizes exactly as training did.
    public var utteranceMeanPriorFrames: Double?
    /// Hidden channels of the standard TDNN (ignored when `layers` is given).
    public var channels = 192
    public var dropout = 0.1
    /// Explicit hidden layers (see `LayerSpec`), instead of the standard stack.
    public var layers: [LayerSpec]?
    public var epochs = 20
    public var batchSize = 16
    public var peakLearningRate = 2e-3
    public var warmupSteps = 300
    public var weightDecay = 1e-4
    public var clipNorm = 5.0
    /// Stop after this many epochs without a better dev WER.
    public var patience = 4
    /// Checkpoint averaging: at the end, the weights of the this many epochs with the lowest dev
    /// WER are averaged, and the average ships if its dev WER is no worse than the best single
    /// epoch's (1 = off).
    public var averageBest = 1
    public var seed: UInt64 = 1
    public var augmentation: AugmentationSettings? = AugmentationSettings()
    public var masking: FeatureMasking? = FeatureMasking()
    public var languageModelOrder = 3
    public var beamWidth = 16
    public var languageModelWeight = 0.8
    /// Dev utterances decoded each epoch (a seeded sample when the dev set is larger).
    public var maxDevUtterances = 400

    public init() {}

    public static func load(path: String) throws -> TrainingConfig {
        do {
            return try JSONDecoder().decode(TrainingConfig.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as DecodingError {
            throw TrainingError.invalidConfiguration(field: path, reason: "\(error)")
        } catch {
            throw TrainingError.unreadable(path: path, reason: error.localizedDescription)
        }
    }

    /// Missing keys keep their defaults.
    public init(from decoder: any Decoder) throws {
        let defaults = TrainingConfig()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? defaults.name
        version = try c.decodeIfPresent(String.self, forKey: .version) ?? defaults.version
        melBins = try c.decodeIfPresent(Int.self, forKey: .melBins) ?? defaults.melBins
        cepstra = try c.decodeIfPresent(Int.self, forKey: .cepstra)
        utteranceMeanPriorFrames = try c.decodeIfPresent(Double.self, forKey: .utteranceMeanPriorFrames)
        channels = try c.decodeIfPresent(Int.self, forKey: .channels) ?? defaults.channels
        dropout = try c.decodeIfPresent(Double.self, forKey: .dropout) ?? defaults.dropout
        layers = try c.decodeIfPresent([LayerSpec].self, forKey: .layers)
        epochs = try c.decodeIfPresent(Int.self, forKey: .epochs) ?? defaults.epochs
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? defaults.batchSize
        peakLearningRate = try c.decodeIfPresent(Double.self, forKey: .peakLearningRate) ?? defaults.peakLearningRate
        warmupSteps = try c.decodeIfPresent(Int.self, forKey: .warmupSteps) ?? defaults.warmupSteps
        weightDecay = try c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? defaults.weightDecay
        clipNorm = try c.decodeIfPresent(Double.self, forKey: .clipNorm) ?? defaults.clipNorm
        patience = try c.decodeIfPresent(Int.self, forKey: .patience) ?? defaults.patience
        averageBest = try c.decodeIfPresent(Int.self, forKey: .averageBest) ?? defaults.averageBest
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? defaults.seed
        augmentation = c.contains(.augmentation) ? try c.decodeIfPresent(AugmentationSettings.self, forKey: .augmentation) : defaults.augmentation
        masking = c.contains(.masking) ? try c.decodeIfPresent(FeatureMasking.self, forKey: .masking) : defaults.masking
        languageModelOrder = try c.decodeIfPresent(Int.self, forKey: .languageModelOrder) ?? defaults.languageModelOrder
        beamWidth = try c.decodeIfPresent(Int.self, forKey: .beamWidth) ?? defaults.beamWidth
        languageModelWeight = try c.decodeIfPresent(Double.self, forKey: .languageModelWeight) ?? defaults.languageModelWeight
        maxDevUtterances = try c.decodeIfPresent(Int.self, forKey: .maxDevUtterances) ?? defaults.maxDevUtterances
    }

    public func validate() throws {
        for (field, value, range) in [("melBins", melBins, 1...256), ("channels", channels, 1...4096), ("epochs", epochs, 1...10_000),
                                      ("batchSize", batchSize, 1...4096), ("patience", patience, 1...10_000), ("averageBest", averageBest, 1...100),
                                      ("languageModelOrder", languageModelOrder, 1...6), ("beamWidth", beamWidth, 1...1024),
                                      ("warmupSteps", warmupSteps, 0...1_000_000), ("maxDevUtterances", maxDevUtterances, 1...1_000_000)]
            where !range.contains(value) {
            throw TrainingError.invalidConfiguration(field: field, reason: "\(value) is not in \(range.lowerBound)...\(range.upperBound)")
        }
        if let cepstra, !(1...melBins).contains(cepstra) {
            throw TrainingError.invalidConfiguration(field: "cepstra", reason: "\(cepstra) is not in 1...melBins (\(melBins))")
        }
        guard peakLearningRate > 0, peakLearningRate < 1 else {
            throw TrainingError.invalidConfiguration(field: "peakLearningRate", reason: "\(peakLearningRate) is not in (0, 1)")
        }
        if let prior = utteranceMeanPriorFrames, !(prior.isFinite && prior >= 0) {
            throw TrainingError.invalidConfiguration(field: "utteranceMeanPriorFrames", reason: "\(prior) is not 0 or more")
        }
        guard (0..<1).contains(dropout) else { throw TrainingError.invalidConfiguration(field: "dropout", reason: "\(dropout) is not in [0, 1)") }
        guard languageModelWeight.isFinite, languageModelWeight >= 0 else {
            throw TrainingError.invalidConfiguration(field: "languageModelWeight", reason: "\(languageModelWeight) is negative")
        }
        _ = try augmentation?.policy()
    }

    /// The network for `units`.
    public func modelConfig(units: UnitInventory) -> ModelConfig {
        let inputs = cepstra ?? melBins
        if let layers { return ModelConfig(inputDimensions: inputs, layers: layers, units: units) }
        return .standard(inputDimensions: inputs, units: units, channels: channels, dropout: dropout)
    }
}
