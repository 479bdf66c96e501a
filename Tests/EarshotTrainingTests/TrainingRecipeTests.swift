import EarshotAcousticModel
import EarshotMonitoring
import EarshotRecognizer
import EarshotTestSupport
@testable import EarshotTraining
import Foundation
import Testing

/// A tiny model on the ten FSDD fixture clips (train = dev), a few epochs: fast in a debug build.
@Suite(.serialized, .timeLimit(.minutes(10))) struct TrainingRecipeTests {
    static let fixtures = TestFixtures.root.path
    static let digits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

    static func manifest() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-training-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let files = try FileManager.default.contentsOfDirectory(atPath: fixtures + "/audio/fsdd").filter { $0.hasSuffix(".wav") }.sorted()
        let lines = files.map { name -> String in
            let digit = Int(String(name.first!))!
            return #"{"id":"\#(name)","audio":"\#(fixtures)/audio/fsdd/\#(name)","text":"\#(digits[digit])","duration":0.5,"speaker":"s"}"#
        }
        let path = dir.appendingPathComponent("train.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func config(epochs: Int) -> TrainingConfig {
        var config = TrainingConfig()
        config.epochs = epochs
        config.channels = 24
        config.melBins = 20
        config.batchSize = 5
        config.warmupSteps = 2
        config.peakLearningRate = 3e-3
        config.patience = 100
        config.maxDevUtterances = 10
        var augmentation = AugmentationSettings()
        augmentation.noiseKinds = ["white", "car"]
        config.augmentation = augmentation
        return config
    }

    @Test func trainsLogsAndWritesALoadableBundle() throws {
        let path = try Self.manifest()
        let set = try TrainingSet.load(manifestPath: path, units: TrainingRecipe.units)
        #expect(set.utterances.count == 10 && set.failures.isEmpty)
        #expect(set.manifestHash.hasPrefix("crc32:"))
        let recipe = TrainingRecipe(config: Self.config(epochs: 3), train: set, dev: set, vocabulary: ["oh"])
        let outcome = try recipe.run()
        #expect(outcome.history.map(\.epoch) == [1, 2, 3])
        #expect(outcome.history.allSatisfy { $0.loss.isFinite && $0.loss > 0 && (0...1.5).contains($0.devWER) })
        // Each epoch's dev loss is measured; the best epoch has the lowest (dev WER, dev loss).
        let losses = outcome.history.compactMap(\.devLoss)
        #expect(losses.count == 3 && losses.allSatisfy { $0.isFinite && $0 > 0 })
        let best = try #require(outcome.history.min { ($0.devWER, $0.devLoss ?? 0) < ($1.devWER, $1.devLoss ?? 0) })
        #expect(outcome.bundle.metadata.evaluation["best_epoch"] == Double(best.epoch))
        #expect(outcome.history.last!.loss < outcome.history.first!.loss)
        let bundle = outcome.bundle
        #expect(bundle.lexicon?.words.contains("oh") == true)
        #expect(bundle.lexicon?.words.contains("seven") == true)
        #expect(bundle.metadata.evaluation["dev_wer"] != nil)
        #expect(bundle.metadata.referenceStatistics["rms_dbfs"]?.count == 10)
        #expect(bundle.metadata.referenceStatistics["confidence"]?.count == 10)
        // Every statistic is named as the server's drift monitor names its metrics.
        #expect(bundle.metadata.referenceStatistics.keys.allSatisfy { MonitoredMetric(rawValue: $0) != nil })
        let file = path + ".earshot"
        try bundle.write(to: file)
        let loaded = try ModelBundle(path: file)
        let recognizer = try Recognizer(bundle: loaded)
        _ = try recognizer.transcribe(path: Self.fixtures + "/audio/fsdd/7_yweweler_19.wav")
    }

    /// `cepstra` trains on MFCCs; the bundle carries that front end, so the recognizer uses it.
    @Test func cepstraTrainOnMFCCs() throws {
        let set = try TrainingSet.load(manifestPath: try Self.manifest(), units: TrainingRecipe.units)
        var config = Self.config(epochs: 1)
        config.cepstra = 13
        config.masking = nil
        let bundle = try TrainingRecipe(config: config, train: set, dev: set).run().bundle
        #expect(bundle.features.config.kind == .mfcc && bundle.features.config.numCeps == 13)
        #expect(bundle.model.config.inputDimensions == 13)
        _ = try Recognizer(bundle: bundle).transcribe(path: Self.fixtures + "/audio/fsdd/7_yweweler_19.wav")
        config.cepstra = config.melBins + 1
        #expect(throws: TrainingError.self) { try config.validate() }
    }

    /// The speaker-robustness options: VTLP draws a warped filterbank per utterance in training
    /// only, and the utterance-mean blend travels in the bundle, so recognition normalizes as
    /// training did.
    @Test func vtlpAndUtteranceMeanTrainAndTheBundleCarriesTheBlend() throws {
        let set = try TrainingSet.load(manifestPath: try Self.manifest(), units: TrainingRecipe.units)
        var config = Self.config(epochs: 1)
        config.utteranceMeanPriorFrames = 20
        config.augmentation?.vtlpRange = [0.9, 1.1]
        let bundle = try TrainingRecipe(config: config, train: set, dev: set).run().bundle
        #expect(bundle.features.utteranceMeanPriorFrames == 20)
        #expect(bundle.features.config.vtlnWarp == 1)  // inference hears the unwarped filterbank
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-blend-\(UUID().uuidString).earshot").path
        try bundle.write(to: file)
        #expect(try ModelBundle(path: file).features == bundle.features)
        _ = try Recognizer(bundle: bundle).transcribe(path: Self.fixtures + "/audio/fsdd/7_yweweler_19.wav")
        #expect(try config.augmentation?.vtlpFactors()?.count == 21)
        config.augmentation?.vtlpRange = [1.2, 1.1]
        #expect(throws: TrainingError.self) { try config.validate() }
        config.augmentation?.vtlpRange = nil
        config.utteranceMeanPriorFrames = -1
        #expect(throws: TrainingError.self) { try config.validate() }
    }

    @Test func resumedRunMatchesAnUninterruptedOne() throws {
        let path = try Self.manifest()
        let set = try TrainingSet.load(manifestPath: path, units: TrainingRecipe.units)
        let straight = try TrainingRecipe(config: Self.config(epochs: 3), train: set, dev: set).run()
        let checkpoints = path + ".ckpt"
        // Interrupted after epoch 2 of the same 3-epoch plan (the schedule depends on the plan).
        let first = TrainingRecipe(config: Self.config(epochs: 3), train: set, dev: set, checkpointDirectory: checkpoints)
        #expect(throws: Interrupted.self) { try first.run(onEpoch: { if $0.epoch == 2 { throw Interrupted() } }) }
        let resumed = try TrainingRecipe(config: Self.config(epochs: 3), train: set, dev: set, checkpointDirectory: checkpoints).run(resume: true)
        #expect(resumed.history.count == 3)
        #expect(resumed.history.last?.loss == straight.history.last?.loss)
        #expect(resumed.bundle.model == straight.bundle.model)
    }

    /// Checkpoint averaging keeps the best epochs' weights (in the checkpoint too, so a resumed
    /// run averages the same epochs) and ships the average only when dev says it is no worse.
    @Test func checkpointAveragingIsResumableAndShipsOnlyWhenNoWorse() throws {
        let path = try Self.manifest()
        let set = try TrainingSet.load(manifestPath: path, units: TrainingRecipe.units)
        var config = Self.config(epochs: 4)
        config.averageBest = 3
        let straight = try TrainingRecipe(config: config, train: set, dev: set).run()
        let averaging = try #require(straight.averaging)
        #expect(averaging.epochs.count == 3 && Set(averaging.epochs).isSubset(of: [1, 2, 3, 4]))
        let bestSingle = try #require(straight.history.map(\.devWER).min())
        #expect(averaging.bestEpochDevWER == bestSingle)
        #expect(averaging.shipped == (averaging.devWER <= bestSingle))
        let evaluation = straight.bundle.metadata.evaluation
        #expect(evaluation["dev_wer"] == (averaging.shipped ? averaging.devWER : bestSingle))
        #expect(evaluation["averaged_epochs"] == (averaging.shipped ? 3 : nil))

        let checkpoints = path + ".avg-ckpt"
        let first = TrainingRecipe(config: config, train: set, dev: set, checkpointDirectory: checkpoints)
        #expect(throws: Interrupted.self) { try first.run(onEpoch: { if $0.epoch == 3 { throw Interrupted() } }) }
        let kept = try FileManager.default.contentsOfDirectory(atPath: checkpoints + "/average")
        #expect(kept.count == 3)
        let resumed = try TrainingRecipe(config: config, train: set, dev: set, checkpointDirectory: checkpoints).run(resume: true)
        #expect(resumed.averaging == straight.averaging)
        #expect(resumed.bundle.model == straight.bundle.model)
        #expect(try FileManager.default.contentsOfDirectory(atPath: checkpoints + "/average").count == 3)
    }

    @Test func averagingPoolKeepsTheBestAndAveragesThem() {
        var pool = AveragingPool(capacity: 2)
        pool.offer(epoch: 1, devWER: 0.5, parameters: [1, 2])
        pool.offer(epoch: 2, devWER: 0.3, parameters: [3, 4])
        pool.offer(epoch: 3, devWER: 0.4, parameters: [5, 8])
        #expect(pool.members.map(\.epoch) == [2, 3])
        #expect(pool.weights[1] == nil)
        #expect(pool.average() == [4, 6])
        // Equal dev WER: the lower dev loss ranks first, then the later (more trained) epoch.
        var tied = AveragingPool(capacity: 2)
        tied.offer(epoch: 1, devWER: 0.02, devLoss: 0.9, parameters: [0])
        tied.offer(epoch: 2, devWER: 0.02, devLoss: 0.5, parameters: [0])
        tied.offer(epoch: 3, devWER: 0.02, devLoss: 0.5, parameters: [0])
        #expect(tied.members.map(\.epoch) == [3, 2])
        var off = AveragingPool(capacity: 1)
        off.offer(epoch: 1, devWER: 0.1, parameters: [1])
        #expect(off.members.isEmpty && off.average() == nil)
    }

    @Test func badConfigurationAndManifestAreNamed() throws {
        var config = TrainingConfig()
        config.batchSize = 0
        #expect(throws: TrainingError.self) { try config.validate() }
        let error = #expect(throws: TrainingError.self) { try TrainingSet.load(manifestPath: "/nonexistent.jsonl", units: TrainingRecipe.units) }
        #expect(error?.description.contains("/nonexistent.jsonl") == true)
        let decoded = try JSONDecoder().decode(TrainingConfig.self, from: Data(#"{"epochs": 7, "augmentation": null}"#.utf8))
        #expect(decoded.epochs == 7 && decoded.augmentation == nil && decoded.channels == TrainingConfig().channels)
        // A partial augmentation object changes only what it names.
        let partial = try JSONDecoder().decode(TrainingConfig.self, from: Data(#"{"augmentation": {"speeds": [0.8, 1.2]}}"#.utf8))
        var expected = AugmentationSettings()
        expected.speeds = [0.8, 1.2]
        #expect(partial.augmentation == expected)
    }
}

struct Interrupted: Error {}
