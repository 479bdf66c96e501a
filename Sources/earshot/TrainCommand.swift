import ArgumentParser
import EarshotAcousticModel
import EarshotRecognizer
import EarshotTraining
import Foundation
import Synchronization

/// `earshot train`: trains a character-CTC model and writes a model bundle.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a character CTC acoustic model and write a model bundle (.earshot).",
        discussion: """
        Reads JSONL manifests (id, audio, text), converts audio to 16 kHz mono, computes global \
        CMVN over the training set, and trains with fresh seeded augmentation (speed, noise, \
        gain, telephone channel) every epoch. After each epoch the dev set is decoded with the \
        lexicon and a word trigram LM built from the training transcripts (plus --vocabulary), and \
        a line with loss, dev WER and seconds is printed (and appended as JSON to --log). The \
        bundle of the best epoch is written to --out; training stops early after `patience` \
        epochs without a better dev WER. Checkpoints go to --checkpoints after every epoch; \
        --resume continues from them. --config is a JSON file of TrainingConfig keys (all optional), \
        e.g. {"epochs": 30, "channels": 256, "batchSize": 16, "peakLearningRate": 0.002}.

        Examples:
          earshot train --train train.jsonl --dev dev.jsonl --out model.earshot
          earshot train --train synth/manifest.jsonl --train fsdd.jsonl --dev dev.jsonl \\
              --vocabulary words.txt --out model.earshot
          earshot train --train train.jsonl --dev dev.jsonl --config train.json --log log.jsonl \\
              --checkpoints ckpt --out model.earshot
          earshot train --train train.jsonl --dev dev.jsonl --checkpoints ckpt --resume --out model.earshot
        """
    )

    @Option(help: "Training manifest (JSONL); repeat for several.") var train: [String]
    @Option(help: "Dev manifest (JSONL), scored after every epoch; repeat for several.") var dev: [String]
    @Option(help: "Training configuration (JSON).") var config: String?
    @Option(help: "Model bundle to write.") var out: String
    @Option(help: "Append one JSON line per epoch here.") var log: String?
    @Option(help: "Checkpoint folder (default: OUT.checkpoints).") var checkpoints: String?
    @Flag(help: "Continue from the checkpoint folder.") var resume = false
    @Option(help: "Extra words for the lexicon and LM, one per line (e.g. a grammar's vocabulary).") var vocabulary: String?

    func validate() throws {
        if train.isEmpty || dev.isEmpty { throw ValidationError("give at least one --train and one --dev manifest") }
        for input in train + dev where URL(fileURLWithPath: out).standardized == URL(fileURLWithPath: input).standardized {
            throw ValidationError("--out must not overwrite an input manifest")
        }
    }

    func run() async throws {
        var settings = try config.map { try TrainingConfig.load(path: $0) } ?? TrainingConfig()
        try settings.validate()
        if settings.name.isEmpty { settings.name = "earshot-model" }
        let trainSet = try TrainingSet.load(manifestPaths: train, units: TrainingRecipe.units)
        let devSet = try TrainingSet.load(manifestPaths: dev, units: TrainingRecipe.units)
        for (id, reason) in trainSet.failures + devSet.failures {
            FileHandle.standardError.write(Data("warning: skipped \(id): \(reason)\n".utf8))
        }
        let words = try vocabulary.map { path in
            try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        } ?? []
        Self.say("train: \(trainSet.utterances.count) utterances, dev: \(devSet.utterances.count)")
        let recipe = TrainingRecipe(config: settings, train: trainSet, dev: devSet, vocabulary: words,
                                    checkpointDirectory: checkpoints ?? out + ".checkpoints")
        let logPath = log
        let bar = EpochProgress()
        let outcome = try recipe.run(resume: resume, onProgress: { bar.update($0) }) { record in
            bar.finish()
            Self.say(record.line)
            if let logPath { Self.append(record, to: logPath) }
        }
        if let averaging = outcome.averaging {
            Self.say(String(format: "average of epochs %@: dev WER %.2f%% (best single epoch %.2f%%), %@",
                            averaging.epochs.map(String.init).joined(separator: ","), averaging.devWER * 100,
                            averaging.bestEpochDevWER * 100, averaging.shipped ? "shipped" : "not shipped"))
        }
        try outcome.bundle.write(to: out)
        let wer = outcome.bundle.metadata.evaluation["dev_wer"] ?? .nan
        print(String(format: "%@: dev WER %.2f%% (best epoch %d of %d%@), %d parameters", out, wer * 100,
                     Int(outcome.bundle.metadata.evaluation["best_epoch"] ?? 0), outcome.history.count,
                     outcome.stoppedEarly ? ", stopped early" : "", outcome.bundle.model.parameterCount))
    }

    /// Unbuffered, so each epoch's line shows at once even when stdout is a file.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func append(_ record: EpochRecord, to path: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let line = try? encoder.encode(record) else { return }
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            FileHandle.standardError.write(Data("warning: cannot append to \(path)\n".utf8))
            return
        }
        handle.seekToEndOfFile()
        handle.write(line + Data("\n".utf8))
        handle.closeFile()
    }
}

/// A progress bar per epoch over its batches.
final class EpochProgress: Sendable {
    private let bar = Mutex<(epoch: Int, bar: ProgressBar?)>((0, nil))

    func update(_ progress: TrainingProgress) {
        let current = bar.withLock { state -> ProgressBar in
            if state.epoch != progress.epoch || state.bar == nil {
                state = (progress.epoch, ProgressBar(total: progress.batches, label: "epoch \(progress.epoch)"))
            }
            return state.bar!
        }
        current.advance()
    }

    func finish() {
        bar.withLock { $0.bar?.finish(); $0.bar = nil }
    }
}
