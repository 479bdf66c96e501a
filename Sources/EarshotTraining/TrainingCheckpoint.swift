import EarshotAcousticModel
import EarshotRecognizer
import Foundation

/// The training loop's position, saved beside the trainer's own checkpoint after each epoch so
/// `--resume` continues where it stopped (same batches, same augmentation draws).
struct LoopState: Codable, Sendable, Equatable {
    var completedEpochs: Int
    var bestWER: Double
    var bestEpoch: Int
    var epochsSinceBest: Int
    var history: [EpochRecord]
}

/// A checkpoint directory: `trainer.ckpt` (weights + Adam state), `state.json`, `best.earshot`.
struct CheckpointDirectory {
    let path: String

    var trainerPath: String { path + "/trainer.ckpt" }
    var statePath: String { path + "/state.json" }
    var bestPath: String { path + "/best.earshot" }

    func save(trainer: CTCTrainer, state: LoopState, best: ModelBundle?) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try trainer.checkpoint().write(to: URL(fileURLWithPath: trainerPath), options: .atomic)
            if let best { try best.write(to: bestPath) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            // The state goes last: a crash before it leaves the previous epoch's state, which the
            // trainer file then no longer matches, so resume checks the step count.
            try encoder.encode(state).write(to: URL(fileURLWithPath: statePath), options: .atomic)
        } catch {
            throw TrainingError.checkpoint(path: path, reason: "cannot write: \(error)")
        }
    }

    func load() throws -> (trainer: CTCTrainer, state: LoopState, best: ModelBundle?) {
        do {
            let state = try JSONDecoder().decode(LoopState.self, from: Data(contentsOf: URL(fileURLWithPath: statePath)))
            let trainer = try CTCTrainer(checkpoint: Data(contentsOf: URL(fileURLWithPath: trainerPath)), source: trainerPath)
            let best = FileManager.default.fileExists(atPath: bestPath) ? try ModelBundle(path: bestPath) : nil
            return (trainer, state, best)
        } catch {
            throw TrainingError.checkpoint(path: path, reason: "cannot resume: \(error)")
        }
    }
}
