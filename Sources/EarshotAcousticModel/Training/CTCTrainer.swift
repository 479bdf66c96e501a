/// How to train: schedule, optimizer, clipping and the seed for dropout.
public struct TrainingSettings: Codable, Sendable, Equatable, Hashable {
    public var schedule: LearningRateSchedule
    public var adam: AdamSettings
    /// Global gradient-norm ceiling (nil: no clipping).
    public var clipNorm: Double?
    /// Seeds dropout masks (and, by convention, the caller's batch order).
    public var seed: UInt64

    public init(schedule: LearningRateSchedule = .warmupCosine(peak: 2e-3, warmupSteps: 500, totalSteps: 20_000, floor: 2e-5),
                adam: AdamSettings = AdamSettings(), clipNorm: Double? = 5, seed: UInt64 = 1) {
        self.schedule = schedule
        self.adam = adam
        self.clipNorm = clipNorm
        self.seed = seed
    }

    public func validate() throws {
        try schedule.validate()
        try adam.validate()
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

    /// Forward, CTC, backward, clip, Adam update. Throws (changing nothing) when no utterance fits.
    @discardableResult
    public mutating func trainStep(on batch: PaddedBatch) throws -> TrainingStepReport {
        let dropoutSeed = SplitMix64.derive(settings.seed, UInt64(optimizer.step))
        let result = try model.lossAndGradient(for: batch, dropoutSeed: dropoutSeed)
        var gradient = result.gradient
        let norm = settings.clipNorm.map { GradientClipping.clipGlobalNorm(&gradient, maxNorm: $0) }
            ?? GradientClipping.clipGlobalNorm(&gradient, maxNorm: .infinity)
        let rate = settings.schedule.rate(atStep: optimizer.step) * learningRateScale
        let stepBefore = optimizer.step
        try optimizer.update(parameters: &model.parameters, gradient: gradient, learningRate: rate,
                             decayedRanges: model.decayedParameterRanges)
        return TrainingStepReport(step: stepBefore, meanLoss: result.meanLoss, gradientNorm: norm,
                                  learningRate: rate, skipped: result.skipped)
    }
}
