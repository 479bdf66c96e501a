/// CTC loss and parameter gradient over a padded batch.
public struct BatchLoss: Sendable {
    /// Mean CTC loss over the utterances that could be aligned.
    public let meanLoss: Double
    /// Each utterance's CTC loss (nil when skipped as infeasible).
    public let utteranceLosses: [Double?]
    /// Utterances skipped because their labels need more output frames than they have.
    public let skipped: [Int]
    /// ∂ meanLoss / ∂ parameters, aligned with `AcousticModel.parameters`.
    public let gradient: [Float]
}

extension AcousticModel {
    /// Forward, CTC and backward over a batch. Infeasible utterances are skipped (listed in
    /// `skipped`) rather than poisoning the batch; throws if none is left, or for bad labels.
    /// `dropoutSeed` nil runs without dropout (e.g. for gradient checks).
    public func lossAndGradient(for batch: PaddedBatch, dropoutSeed: UInt64?) throws -> BatchLoss {
        guard batch.dimensions == config.inputDimensions else {
            throw AcousticModelError.inputDimensionMismatch(expected: config.inputDimensions, actual: batch.dimensions)
        }
        for labels in batch.labels { try units.validate(labels: labels) }
        let mode: ForwardMode = dropoutSeed.map { .training(dropoutSeed: $0) } ?? .inference
        let (logits, traces) = forward(batch.activations, mode: mode, keepTraces: true)

        let unitCount = logits.channels
        var logitsGradient = logits.like()
        var losses = [Double?](repeating: nil, count: batch.count)
        var skipped: [Int] = []
        try logits.values.withUnsafeBufferPointer { z in
            try logitsGradient.values.withUnsafeMutableBufferPointer { g in
                for b in 0..<batch.count {
                    let range = b * logits.frames * unitCount ..< (b * logits.frames + logits.lengths[b]) * unitCount
                    do {
                        losses[b] = try CTCLoss.compute(
                            logits: UnsafeBufferPointer(rebasing: z[range]), frames: logits.lengths[b], units: unitCount,
                            labels: batch.labels[b], blank: units.blank, gradient: UnsafeMutableBufferPointer(rebasing: g[range]))
                    } catch AcousticModelError.infeasibleAlignment {
                        skipped.append(b)
                        UnsafeMutableBufferPointer(rebasing: g[range]).update(repeating: 0)
                    }
                }
            }
        }
        let used = losses.compactMap { $0 }
        guard !used.isEmpty else { throw AcousticModelError.noTrainableUtterance(batchSize: batch.count) }
        // The batch loss is the mean over used utterances: scale the logits' gradient to match.
        let scale = Float(1) / Float(used.count)
        logitsGradient.values.withUnsafeMutableBufferPointer { g in
            for i in g.indices { g[i] *= scale }
        }
        let gradient = backward(logitsGradient, traces: traces).parameters
        return BatchLoss(meanLoss: used.reduce(0, +) / Double(used.count), utteranceLosses: losses,
                         skipped: skipped, gradient: gradient)
    }

    /// Mean CTC loss without gradients (for validation), skipping infeasible utterances.
    public func loss(for batch: PaddedBatch) throws -> (meanLoss: Double, skipped: [Int]) {
        guard batch.dimensions == config.inputDimensions else {
            throw AcousticModelError.inputDimensionMismatch(expected: config.inputDimensions, actual: batch.dimensions)
        }
        let logits = forward(batch.activations, mode: .inference, keepTraces: false).output
        var total: Double = 0, used = 0
        var skipped: [Int] = []
        for b in 0..<batch.count {
            do {
                total += try CTCLoss.loss(logits: logits.utterance(b), labels: batch.labels[b], blank: units.blank)
                used += 1
            } catch AcousticModelError.infeasibleAlignment {
                skipped.append(b)
            }
        }
        guard used > 0 else { throw AcousticModelError.noTrainableUtterance(batchSize: batch.count) }
        return (total / Double(used), skipped)
    }
}
