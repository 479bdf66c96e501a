import EarshotAcousticModel
import EarshotAudio
import EarshotCore
import EarshotCorpus
import EarshotFeatures
import EarshotRecognizer

/// Turns training audio into network input: raw filterbanks, optionally after a fresh seeded
/// augmentation (speed, noise, gain, channel), then the bundle's global CMVN.
struct UtteranceFeatures: Sendable {
    let raw: FeaturePipeline
    let normalized: FeaturePipeline
    let policy: AugmentationPolicy?
    let augmentProbability: Double
    let babble: [[Float]]
    let seed: UInt64
    /// VTLP: the normalized pipeline once per warp factor (same CMVN), or empty when off.
    var warped: [FeaturePipeline] = []

    /// The same normalization behind filterbanks warped by each of `factors`.
    static func warpedPipelines(_ settings: FeatureSettings, factors: [Float]?) throws -> [FeaturePipeline] {
        try (factors ?? []).map { factor in
            var config = settings.config
            config.vtlnWarp = factor
            var warped = settings
            warped.config = config
            return try warped.pipeline()
        }
    }

    static func featureConfig(melBins: Int, cepstra: Int? = nil) -> FeatureConfig {
        var config = cepstra == nil ? FeatureConfig.fbank : FeatureConfig.mfcc
        config.numMelBins = melBins
        if let cepstra { config.numCeps = cepstra }
        config.dither = 0
        return config
    }

    /// Global CMVN statistics of clean audio.
    static func cmvn(of utterances: [LabelledUtterance], pipeline: FeaturePipeline) throws -> CMVNStats {
        let matrices = ParallelMap.map(utterances) { utterance in
            Result { () throws(FeatureError) in
                try pipeline.extract(utterance.samples, sampleRate: FeatureSettings.sampleRate, source: utterance.id)
            }
        }
        var stats = CMVNStats(dimension: pipeline.config.dimension)
        for matrix in matrices { try stats.accumulate(try matrix.get()) }
        return stats
    }

    /// Network input for one utterance in one epoch (epoch < 0: clean, no augmentation).
    func example(_ utterance: LabelledUtterance, index: Int, epoch: Int) throws -> TrainingExample {
        var samples = utterance.samples
        if let policy, epoch >= 0 {
            var generator = SplitMix64(seed: seed, index: UInt64(index), stream: UInt64(epoch) + 1)
            if Double(generator.nextUnitFloat()) < augmentProbability {
                let plan = policy.plan(using: &generator)
                let waveform = Waveform(samples: samples, sampleRate: FeatureSettings.sampleRate)
                samples = try Augmenter().apply(plan, to: waveform, babble: babble, using: &generator).waveform.samples
            }
        }
        var pipeline = normalized
        if !warped.isEmpty, epoch >= 0 {
            // Its own stream, so adding VTLP leaves every other augmentation draw as it was.
            var generator = SplitMix64(seed: seed ^ 0x5654_4C50, index: UInt64(index), stream: UInt64(epoch) + 1)
            pipeline = warped[Int(generator.next() % UInt64(warped.count))]
        }
        let features = try pipeline.postprocess(
            try pipeline.extract(samples, sampleRate: FeatureSettings.sampleRate, source: utterance.id), source: utterance.id)
        return TrainingExample(features: features, labels: utterance.labels)
    }
}
