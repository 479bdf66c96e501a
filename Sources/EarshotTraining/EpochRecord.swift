/// One line of the training log (also written as JSONL for the notebooks).
public struct EpochRecord: Codable, Sendable, Equatable {
    public var epoch: Int
    public var steps: Int
    /// Mean CTC loss per utterance over the epoch's batches.
    public var loss: Double
    public var devWER: Double
    /// Mean CTC loss per dev utterance (breaks ties in dev WER).
    public var devLoss: Double?
    public var learningRate: Double
    public var seconds: Double
    /// Process CPU seconds (user + system) of the epoch; on a loaded machine this is the honest cost.
    public var cpuSeconds: Double
    public var skippedBatches: Int
    public var isBest: Bool

    enum CodingKeys: String, CodingKey {
        case epoch, steps, loss, seconds
        case devWER = "dev_wer"
        case devLoss = "dev_loss"
        case learningRate = "learning_rate"
        case cpuSeconds = "cpu_seconds"
        case skippedBatches = "skipped_batches"
        case isBest = "best"
    }

    public var line: String {
        "epoch \(epoch): loss \(String(format: "%.3f", loss)), dev WER \(String(format: "%.2f%%", devWER * 100))"
            + (devLoss.map { ", dev loss \(String(format: "%.3f", $0))" } ?? "") + ", "
            + "\(Self.format(seconds)) s (\(Self.format(cpuSeconds)) CPU s)\(isBest ? " *" : "")"
    }

    /// Whole seconds, or tenths below ten seconds (a tiny run's epochs would all print "0 s").
    static func format(_ seconds: Double) -> String { String(format: seconds < 10 ? "%.1f" : "%.0f", seconds) }
}

/// Where training is within the epoch (for a progress bar).
public struct TrainingProgress: Sendable {
    public var epoch: Int
    public var batch: Int
    public var batches: Int
    public var loss: Double
}
