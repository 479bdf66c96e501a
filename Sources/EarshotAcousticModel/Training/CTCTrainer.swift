import EarshotCore
/// How to train: schedule, optimizer, clipping and the seed for dropout.
public struct TrainingSettings: Codable, Sendable, Equatable, Hashable {
    public var schedule: LearningRateSchedule
    public var adam: AdamSettings
    /// Global gradient-norm ceiling (nil: no clipping).
    public var clipNorm: Double?
    /// Seeds dropout and feature masks (and, by convention, the caller's batch order).
    public var seed: UInt64
    /// SpecAugment-style masking applied by `trainStep(on: [TrainingExample])` (nil: none).
    public var masking: FeatureMasking?

    public init(schedule: LearningRateSchedule = .warmupCosine(peak: 2e-3, warmupSteps: 500, totalSteps: 20_000, floor: 2e-5),
                adam: AdamSettings = AdamSettings(), clipNorm: Double? = 5, seed: UInt64 = 1, masking: FeatureMasking? = nil) {
        self.schedule = schedule
        self.adam = adam
        self.clipNorm = clipNorm
        self.seed = seed
        self.masking = masking
    }

    public func validate() throws {
        try schedule.validate()
        try adam.validate()
        try masking?.validate()
        if let clipNorm, !(clipNorm > 0) {
            throw AcousticModelError.invalidConfiguration(field: "clipNorm", reason: "\(clipNorm) is not positive")
        }
    }
}

/// What one update did.
public struct TrainingStepReport: Sendable, Equatable {
    public let step: Int
    public let meanLoss: Double
    public let gradientNorm: Double
    public let learningRate: Double
    public let skipped: [Int]
}

/// Model + optimizer + schedule. Same seed, same batches → bit-identical weights after N steps
/// (all randomness comes from `SeededGenerator`; BLAS reductions are deterministic for a fixed
/// thread count).
public struct CTCTrainer: Sendable {
    public private(set) var model: AcousticModel
    public private(set) var optimizer: AdamOptimizer
    public let settings: TrainingSettings
    /// Multiplies the scheduled rate (e.g. from `PlateauDecay.scale`).
    public var learningRateScale: Double = 1

    public init(model: AcousticModel, settings: TrainingSettings) throws {
        try settings.validate()
        self.model = model
        self.settings = settings
        self.optimizer = AdamOptimizer(parameterCount: model.parameterCount, settings: settings.adam)
    }

    /// Resumes from saved state (a checkpoint).
    public init(model: AcousticModel, optimizer: AdamOptimizer, settings: TrainingSettings) throws {
        try settings.validate()
        guard optimizer.firstMoment.count == model.parameterCount else {
            throw AcousticModelError.parameterCountMismatch(expected: model.parameterCount, actual: optimizer.firstMoment.count)
        }
        self.model = model
        self.settings = settings
        self.optimizer = optimizer
    }

    public var step: Int { optimizer.step }

    /// Masks the features (if `settings.masking`; seeded by seed and step, so a resumed run
    /// replays the same masks), pads them into a batch and takes one step.
    @discardableResult
    public mutating func trainStep(on examples: [TrainingExample]) throws -> TrainingStepReport {
        guard let masking = settings.masking else { return try trainStep(on: PaddedBatch(examples)) }
        var rng = SeededGenerator(seed: SplitMix64.derive(settings.seed ^ 0x5EC_A06, UInt64(optimizer.step)))
        let masked = examples.map { TrainingExample(features: masking.apply(to: $0.features, rng: &rng), labels: $0.labels) }
        return try trainStep(on: PaddedBatch(masked))
    }

    /// Forward, CTC, backward, clip, Adam update. Throws (changing nothing) when no utterance fits
    /// or the gradient is not finite.
    @discardableResult
    public mutating func trainStep(on batch: PaddedBatch) throws -> TrainingStepReport {
        let dropoutSeed = SplitMix64.derive(settings.seed, UInt64(optimizer.step))
        let result = try model.lossAndGradient(for: batch, dropoutSeed: dropoutSeed)
        var gradient = result.gradient
        let norm = GradientClipping.clipGlobalNorm(&gradient, maxNorm: settings.clipNorm ?? .infinity)
        guard norm.isFinite else { throw AcousticModelError.nonFiniteGradient(step: optimizer.step) }
        let rate = settings.schedule.rate(atStep: optimizer.step) * learningRateScale
        let stepBefore = optimizer.step
        try optimizer.update(parameters: &model.parameters, gradient: gradient, learningRate: rate,
                             decayedRanges: model.decayedParameterRanges)
        return TrainingStepReport(step: stepBefore, meanLoss: result.meanLoss, gradientNorm: norm,
                                  learningRate: rate, skipped: result.skipped)
    }
}
