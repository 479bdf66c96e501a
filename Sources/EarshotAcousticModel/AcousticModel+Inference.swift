import EarshotCore
/// Inference: log-probabilities per output frame, one utterance or a padded batch at a time.
/// Each call allocates its own scratch, so concurrent calls on one model are safe.
extension AcousticModel {
    /// Per-frame log-probabilities over `units` (output frames × units).
    public func logProbabilities(for input: FrameMatrix) throws -> FrameMatrix {
        let logits = try logits(for: input)
        return FrameMatrix(unchecked: logits.frames, logits.dimensions,
                           LogSoftmax.rows(logits.values, width: logits.dimensions))
    }

    /// Per-frame unnormalized scores over `units` (output frames × units).
    public func logits(for input: FrameMatrix) throws -> FrameMatrix {
        try validate(input)
        let x = Activations(batch: 1, frames: input.frames, channels: input.dimensions,
                            lengths: [input.frames], values: input.values)
        return forward(x, mode: .inference, keepTraces: false).output.utterance(0)
    }

    /// Log-probabilities for several utterances in one padded pass (bigger GEMMs than one at a
    /// time; same results as `logProbabilities(for:)` on each).
    public func logProbabilities(forBatch inputs: [FrameMatrix]) throws -> [FrameMatrix] {
        guard !inputs.isEmpty else { return [] }
        for input in inputs { try validate(input) }
        let batch = try PaddedBatch(inputs.map { TrainingExample(features: $0, labels: []) })
        let logits = forward(batch.activations, mode: .inference, keepTraces: false).output
        return (0..<inputs.count).map { b in
            let rows = logits.utterance(b)
            return FrameMatrix(unchecked: rows.frames, rows.dimensions, LogSoftmax.rows(rows.values, width: rows.dimensions))
        }
    }

    func validate(_ input: FrameMatrix) throws {
        guard input.dimensions == config.inputDimensions else {
            throw AcousticModelError.inputDimensionMismatch(expected: config.inputDimensions, actual: input.dimensions)
        }
        guard input.frames > 0 else { throw AcousticModelError.invalidInput(reason: "features have no frames") }
        guard input.values.allSatisfy({ $0.isFinite }) else {
            throw AcousticModelError.invalidInput(reason: "features contain NaN or infinity")
        }
    }
}
