import EarshotAcousticModel
import EarshotAudio
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
            var generator = EarshotCorpus.SeededGenerator(seed: seed, index: UInt64(index), stream: UInt64(epoch) + 1)
            if Double(generator.nextUnitFloat()) < augmentProbability {
                let plan = policy.plan(using: &generator)
                let waveform = Waveform(samples: samples, sampleRate: FeatureSettings.sampleRate)
                samples = try Augmenter().apply(plan, to: waveform, babble: babble, using: &generator).waveform.samples
            }
        }
        let features = try normalized.postprocess(
            try normalized.extract(samples, sampleRate: FeatureSettings.sampleRate, source: utterance.id), source: utterance.id)
        let matrix = try FrameMatrix(frames: features.frameCount, dimensions: features.dimension, values: features.values)
        return TrainingExample(features: matrix, labels: utterance.labels)
    }
}
