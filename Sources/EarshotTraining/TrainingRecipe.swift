import EarshotAcousticModel
import EarshotAudio
import EarshotCore
import EarshotCorpus
import EarshotDecoder
import EarshotFeatures
import EarshotMonitoring
import EarshotRecognizer
import EarshotScoring
import EarshotText
import Foundation

/// What training produced: the bundle of the best epoch (or of the average of the best epochs,
/// when that scored no worse on dev) and the whole log.
public struct TrainingOutcome: Sendable {
    public var bundle: ModelBundle
    public var history: [EpochRecord]
    public var stoppedEarly: Bool
    /// Checkpoint averaging, when it was tried.
    public var averaging: AveragingResult?
}

/// What checkpoint averaging did: which epochs were averaged, the average's dev WER beside the
/// best single epoch's, and whether the average shipped.
public struct AveragingResult: Sendable, Equatable {
    public var epochs: [Int]
    public var devWER: Double
    public var bestEpochDevWER: Double
    public var shipped: Bool
}

/// The recipe: manifests → features with on-the-fly augmentation → CTC epochs, each scored by
/// dev WER through the real recognizer (lexicon + LM), with checkpoints, resume and early stopping.
public struct TrainingRecipe: Sendable {
    public var config: TrainingConfig
    public var train: TrainingSet
    public var dev: TrainingSet
    /// Extra words for the lexicon and LM beyond the training transcripts (e.g. a grammar's vocabulary).
    public var vocabulary: [String]
    /// Checkpoint directory (nil: none).
    public var checkpointDirectory: String?

    public init(config: TrainingConfig, train: TrainingSet, dev: TrainingSet, vocabulary: [String] = [], checkpointDirectory: String? = nil) {
        self.config = config
        self.train = train
        self.dev = dev
        self.vocabulary = vocabulary
        self.checkpointDirectory = checkpointDirectory
    }

    public static let units = UnitInventory.characters

    /// `onEpoch` runs after each epoch's checkpoint; an error thrown there stops training.
    public func run(resume: Bool = false, onProgress: (TrainingProgress) -> Void = { _ in },
                    onEpoch: (EpochRecord) throws -> Void = { _ in }) throws -> TrainingOutcome {
        try config.validate()
        let featureConfig = UtteranceFeatures.featureConfig(melBins: config.melBins, cepstra: config.cepstra)
        let rawPipeline = try FeaturePipeline(config: featureConfig)
        let cmvn = try UtteranceFeatures.cmvn(of: train.utterances, pipeline: rawPipeline)
        let settings = FeatureSettings(
            config: featureConfig, cmvn: cmvn, normalizeVariance: true, utteranceMeanPriorFrames: config.utteranceMeanPriorFrames)
        let (lexicon, languageModel) = try LanguageResources.build(
            sentences: train.utterances.map { TextNormalizer.training.words($0.text) }, vocabulary: vocabulary, order: config.languageModelOrder)
        var decoderSettings = BeamSearchConfiguration()
        decoderSettings.beamWidth = config.beamWidth
        decoderSettings.languageModelWeight = config.languageModelWeight
        let features = UtteranceFeatures(
            raw: rawPipeline, normalized: try settings.pipeline(), policy: try config.augmentation?.policy(),
            augmentProbability: config.augmentation?.probability ?? 0,
            babble: Array(train.utterances.prefix(64).map(\.samples)), seed: config.seed,
            warped: try UtteranceFeatures.warpedPipelines(settings, factors: try config.augmentation?.vtlpFactors()))
        let devSample = DevSample(utterances: dev.utterances, limit: config.maxDevUtterances, seed: config.seed)
        let devExamples = try ParallelMap.map(devSample.utterances) { utterance in
            Result { try features.example(utterance, index: 0, epoch: -1) }
        }.map { try $0.get() }

        func bundle(_ model: AcousticModel, evaluation: [String: Double] = [:], statistics: [String: [Double]] = [:]) -> ModelBundle {
            ModelBundle(metadata: BundleMetadata(name: config.name, version: config.version, trainingManifestHash: train.manifestHash,
                                                 evaluation: evaluation, referenceStatistics: statistics),
                        features: settings, model: model, lexicon: lexicon, languageModel: languageModel, decoder: decoderSettings)
        }

        let inputStatistics = InputStatistics.measure(train.utterances, limit: ReferenceStatistics.maximumValues, seed: config.seed)
        // The shippable bundle of `model`: provenance, dev figures and reference statistics.
        func complete(_ model: AcousticModel, scored: DevScoring, epoch: Int) -> ModelBundle {
            var statistics = inputStatistics
            statistics[MonitoredMetric.confidence.rawValue] = scored.confidences
            statistics[MonitoredMetric.wordsPerSecond.rawValue] = scored.wordsPerSecond
            let evaluation: [String: Double] = [
                "dev_wer": scored.wer, "dev_utterances": Double(devExamples.count), "best_epoch": Double(epoch),
                "train_utterances": Double(train.utterances.count),
                "train_hours": train.utterances.reduce(0) { $0 + $1.seconds } / 3600,
                "parameters": Double(model.parameterCount),
            ]
            return bundle(model, evaluation: evaluation, statistics: ReferenceStatistics.summarize(statistics))
        }

        let stepsPerEpoch = (train.utterances.count + config.batchSize - 1) / config.batchSize
        let checkpoints = checkpointDirectory.map(CheckpointDirectory.init(path:))
        var trainer: CTCTrainer
        var state = LoopState(completedEpochs: 0, bestWER: .infinity, bestEpoch: 0, epochsSinceBest: 0, history: [])
        var best: ModelBundle?
        var pool = AveragingPool(capacity: config.averageBest)
        if resume, let checkpoints {
            (trainer, state, best, pool) = try checkpoints.load(averaging: config.averageBest)
        } else {
            let model = try AcousticModel(config: config.modelConfig(units: Self.units), seed: config.seed)
            let schedule = LearningRateSchedule.warmupCosine(
                peak: config.peakLearningRate, warmupSteps: min(config.warmupSteps, max(stepsPerEpoch * config.epochs - 1, 0)),
                totalSteps: max(stepsPerEpoch * config.epochs, 1), floor: config.peakLearningRate / 50)
            trainer = try CTCTrainer(model: model, settings: TrainingSettings(
                schedule: schedule, adam: AdamSettings(weightDecay: config.weightDecay), clipNorm: config.clipNorm,
                seed: config.seed, masking: config.masking))
        }

        var stoppedEarly = false
        var epoch = state.completedEpochs
        while epoch < config.epochs {
            if state.epochsSinceBest >= config.patience { stoppedEarly = true; break }
            epoch += 1
            let started = Date(), cpuStarted = ProcessCPUTime.seconds()
            let current = epoch
            let examples = try ParallelMap.map(Array(train.utterances.enumerated())) { item in
                Result { try features.example(item.element, index: item.offset, epoch: current) }
            }.map { try $0.get() }
            var rng = SeededGenerator(seed: SplitMix64.derive(config.seed, UInt64(epoch)))
            let batches = try BatchPlanner.batches(lengths: examples.map(\.features.frames), batchSize: config.batchSize,
                                                   rng: &rng, sortWithinWindow: 8)
            var lossSum = 0.0, lossCount = 0, skipped = 0, rate = 0.0
            BLASThreads.use(.singleJob)  // one batch's GEMMs at a time: every core inside each
            for (number, batch) in batches.enumerated() {
                do {
                    let report = try trainer.trainStep(on: batch.map { examples[$0] })
                    let used = batch.count - report.skipped.count
                    lossSum += report.meanLoss * Double(used)
                    lossCount += used
                    rate = report.learningRate
                } catch AcousticModelError.nonFiniteGradient {
                    skipped += 1
                }
                onProgress(TrainingProgress(epoch: epoch, batch: number + 1, batches: batches.count,
                                            loss: lossCount > 0 ? lossSum / Double(lossCount) : 0))
            }
            guard lossCount > 0 else { throw TrainingError.training(reason: "epoch \(epoch): no batch could be trained") }
            let candidate = bundle(trainer.model)
            BLASThreads.use(.parallelUtterances)  // dev utterances decode one per core
            let scored = try DevScoring.score(bundle: candidate, examples: devExamples, utterances: devSample.utterances)
            let isBest = scored.isBetter(than: (state.bestWER, state.bestLoss ?? .infinity))
            pool.offer(epoch: epoch, devWER: scored.wer, devLoss: scored.loss, parameters: trainer.model.parameters)
            state.averaged = pool.members
            if isBest {
                state.bestWER = scored.wer
                state.bestLoss = scored.loss
                state.bestEpoch = epoch
                state.epochsSinceBest = 0
                // Complete (provenance, figures, reference statistics) so a stopped run's best is shippable.
                best = complete(candidate.model, scored: scored, epoch: epoch)
            } else {
                state.epochsSinceBest += 1
            }
            let record = EpochRecord(epoch: epoch, steps: trainer.step, loss: lossSum / Double(lossCount), devWER: scored.wer, devLoss: scored.loss,
                                     learningRate: rate, seconds: Date().timeIntervalSince(started),
                                     cpuSeconds: ProcessCPUTime.seconds() - cpuStarted, skippedBatches: skipped, isBest: isBest)
            state.history.append(record)
            state.completedEpochs = epoch
            try checkpoints?.save(trainer: trainer, state: state, best: isBest ? best : nil, pool: pool)
            // After the checkpoint, so a caller that stops here (or a crash) can resume.
            try onEpoch(record)
        }
        if state.epochsSinceBest >= config.patience && epoch < config.epochs { stoppedEarly = true }

        guard var chosen = best else { throw TrainingError.training(reason: "no epoch was trained") }
        var averaging: AveragingResult?
        if let weights = pool.average() {
            let averaged = try AcousticModel(config: chosen.model.config, parameters: weights)
            BLASThreads.use(.parallelUtterances)
            let scored = try DevScoring.score(bundle: bundle(averaged), examples: devExamples, utterances: devSample.utterances)
            // Judged on dev WER alone, ties going to the average: same dev WER, less dependent on one
            // epoch's luck (an average's dev loss is not comparable: it is less peaked, not worse).
            let shipped = scored.wer <= state.bestWER
            averaging = AveragingResult(epochs: pool.members.map(\.epoch), devWER: scored.wer, bestEpochDevWER: state.bestWER, shipped: shipped)
            if shipped {
                chosen = complete(averaged, scored: scored, epoch: state.bestEpoch)
                chosen.metadata.evaluation["averaged_epochs"] = Double(pool.members.count)
                chosen.metadata.evaluation["best_epoch_dev_wer"] = state.bestWER
            }
        }
        chosen.metadata.evaluation["epochs"] = Double(state.completedEpochs)
        return TrainingOutcome(bundle: chosen, history: state.history, stoppedEarly: stoppedEarly, averaging: averaging)
    }
}

/// A seeded, order-preserving sample of at most `limit` dev utterances.
struct DevSample {
    let utterances: [LabelledUtterance]

    init(utterances all: [LabelledUtterance], limit: Int, seed: UInt64) {
        guard all.count > limit else { utterances = all; return }
        var rng = SeededGenerator(seed: seed ^ 0xDE5)
        var indices = Array(all.indices)
        BatchPlanner.shuffle(&indices, rng: &rng)
        utterances = indices.prefix(limit).sorted().map { all[$0] }
    }
}
