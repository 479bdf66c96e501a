import EarshotCore
import Synchronization

/// Normalization applied after extraction, in Kaldi's order: CMVN, then deltas.
public enum CMVNMode: Sendable, Equatable {
    case none
    /// Each utterance by its own statistics.
    case perUtterance(normalizeVariance: Bool)
    /// Every utterance by statistics accumulated beforehand (`compute-cmvn-stats` over a set).
    case global(CMVNStats, normalizeVariance: Bool)
    /// The global statistics with the mean moved toward the utterance's own (a MAP estimate:
    /// the global mean counts as `priorFrames` frames). Removes a fixed channel response (a
    /// constant in the log-mel domain) from long utterances, while a short clip keeps most of
    /// the global mean and with it its identity; the variance stays global.
    case blended(CMVNStats, priorFrames: Double, normalizeVariance: Bool)
}

/// Extraction plus post-processing for utterances of any sample rate: one extractor per rate,
/// made on first use and shared (`Sendable`, safe to call from many tasks).
public final class FeaturePipeline: Sendable {
    public let config: FeatureConfig
    public let cmvn: CMVNMode
    public let deltas: DeltaOptions?
    private let extractors = Mutex<[Int: FeatureExtractor]>([:])

    public init(config: FeatureConfig, cmvn: CMVNMode = .none, deltas: DeltaOptions? = nil) throws(FeatureError) {
        try config.validate()
        if let deltas { _ = try deltas.scales() }
        switch cmvn {
        case .global(let stats, _), .blended(let stats, _, _):
            if stats.dimension != config.dimension {
                throw .dimensionMismatch(source: "CMVN statistics", expected: config.dimension, actual: stats.dimension)
            }
        case .none, .perUtterance: break
        }
        if case .blended(_, let priorFrames, _) = cmvn, !(priorFrames.isFinite && priorFrames >= 0) {
            throw .invalidOption(field: "utterance_mean_prior_frames", reason: "must be 0 or more, got \(priorFrames)")
        }
        self.config = config
        self.cmvn = cmvn
        self.deltas = deltas
    }

    /// The extractor for `sampleRate`, built once (it validates the options for that rate).
    public func extractor(sampleRate: Int) throws(FeatureError) -> FeatureExtractor {
        if let cached = extractors.withLock({ $0[sampleRate] }) { return cached }
        let made = try FeatureExtractor(config: config, sampleRate: sampleRate)
        extractors.withLock { $0[sampleRate] = made }
        return made
    }

    /// Raw features of mono samples in [-1, 1] (before CMVN and deltas).
    public func extract(_ samples: [Float], sampleRate: Int, source: String) throws(FeatureError) -> FrameMatrix {
        if let expected = config.sampleFrequency, expected != sampleRate {
            throw .sampleRateMismatch(source: source, expected: expected, actual: sampleRate)
        }
        return try extractor(sampleRate: sampleRate).compute(samples, source: source)
    }

    /// Applies this pipeline's CMVN and deltas to raw features.
    public func postprocess(_ features: FrameMatrix, source: String) throws(FeatureError) -> FrameMatrix {
        var result = features
        switch cmvn {
        case .none: break
        case .perUtterance(let normalizeVariance):
            result = result.normalizedPerUtterance(normalizeVariance: normalizeVariance)
        case .global(let stats, let normalizeVariance):
            result = try stats.apply(to: result, normalizeVariance: normalizeVariance, source: source)
        case .blended(let stats, let priorFrames, let normalizeVariance):
            result = try stats.blendedWithUtterance(result, priorFrames: priorFrames, source: source)
                .apply(to: result, normalizeVariance: normalizeVariance, source: source)
        }
        if let deltas { result = try result.addingDeltas(deltas) }
        return result
    }

    /// Columns of the final output.
    public var outputDimension: Int { config.dimension * ((deltas?.order ?? 0) + 1) }
}
