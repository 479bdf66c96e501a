import EarshotAcousticModel
import EarshotRecognizer
import Foundation

/// The training loop's position, saved beside the trainer's own checkpoint after each epoch so
/// `--resume` continues where it stopped (same batches, same augmentation draws).
struct LoopState: Codable, Sendable, Equatable {
    var completedEpochs: Int
    var bestWER: Double
    /// The best epoch's dev loss (the tie-breaker); infinite in states saved before it existed.
    var bestLoss: Double? = nil
    var bestEpoch: Int
    var epochsSinceBest: Int
    var history: [EpochRecord]
    /// The epochs kept for checkpoint averaging (their weights are files in `average/`).
    var averaged: [AveragingPool.Member]? = nil
}

/// A checkpoint directory: `trainer.ckpt` (weights + Adam state), `state.json`, `best.earshot`,
/// and `average/epoch-N.f32` (raw little-endian weights of the epochs kept for averaging).
struct CheckpointDirectory {
    let path: String

    var trainerPath: String { path + "/trainer.ckpt" }
    var statePath: String { path + "/state.json" }
    var bestPath: String { path + "/best.earshot" }
    var averagePath: String { path + "/average" }
    func weightsPath(epoch: Int) -> String { averagePath + "/epoch-\(epoch).f32" }

    func save(trainer: CTCTrainer, state: LoopState, best: ModelBundle?, pool: AveragingPool) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try trainer.checkpoint().write(to: URL(fileURLWithPath: trainerPath), options: .atomic)
            if let best { try best.write(to: bestPath) }
            try writeWeights(pool)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            // The state goes last: a crash before it leaves the previous epoch's state, which the
            // trainer file then no longer matches, so resume checks the step count.
            try encoder.encode(state).write(to: URL(fileURLWithPath: statePath), options: .atomic)
            // Dropped epochs go only once the state no longer names them.
            try pruneWeights(pool)
        } catch {
            throw TrainingError.checkpoint(path: path, reason: "cannot write: \(error)")
        }
    }

    func load(averaging capacity: Int) throws -> (trainer: CTCTrainer, state: LoopState, best: ModelBundle?, pool: AveragingPool) {
        do {
            let state = try JSONDecoder().decode(LoopState.self, from: Data(contentsOf: URL(fileURLWithPath: statePath)))
            let trainer = try CTCTrainer(checkpoint: Data(contentsOf: URL(fileURLWithPath: trainerPath)), source: trainerPath)
            let best = FileManager.default.fileExists(atPath: bestPath) ? try ModelBundle(path: bestPath) : nil
            let members = state.averaged ?? []
            var weights: [Int: [Float]] = [:]
            for member in members {
                let data = try Data(contentsOf: URL(fileURLWithPath: weightsPath(epoch: member.epoch)))
                guard data.count == trainer.model.parameters.count * MemoryLayout<Float>.size else {
                    throw TrainingError.checkpoint(path: weightsPath(epoch: member.epoch), reason: "holds \(data.count) bytes, not the model's weights")
                }
                weights[member.epoch] = data.withUnsafeBytes { raw in
                    raw.bindMemory(to: UInt32.self).map { Float(bitPattern: UInt32(littleEndian: $0)) }
                }
            }
            return (trainer, state, best, AveragingPool(capacity: capacity, members: members, weights: weights))
        } catch {
            throw TrainingError.checkpoint(path: path, reason: "cannot resume: \(error)")
        }
    }

    /// Writes the kept epochs' weights that are not on disk yet.
    private func writeWeights(_ pool: AveragingPool) throws {
        guard !pool.members.isEmpty else { return }
        let fm = FileManager.default
        try fm.createDirectory(atPath: averagePath, withIntermediateDirectories: true)
        for member in pool.members where !fm.fileExists(atPath: weightsPath(epoch: member.epoch)) {
            guard let weights = pool.weights[member.epoch] else { continue }
            let data = weights.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Data($0) }
            try data.write(to: URL(fileURLWithPath: weightsPath(epoch: member.epoch)), options: .atomic)
        }
    }

    /// Removes the weights of epochs the pool no longer keeps.
    private func pruneWeights(_ pool: AveragingPool) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: averagePath) else { return }
        let kept = Set(pool.members.map { "epoch-\($0.epoch).f32" })
        for name in try fm.contentsOfDirectory(atPath: averagePath) where !kept.contains(name) {
            try fm.removeItem(atPath: averagePath + "/" + name)
        }
    }
}
