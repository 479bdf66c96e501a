import EarshotCore
import EarshotDecoder
import Testing
@testable import EarshotAcousticModel

/// A synthetic sequence task that only a working model + CTC + optimizer can learn: each label
/// emits its own 4-frame feature pattern, separated by 1–3 noise-only frames; the model must
/// recover the label sequence (including repeats) of held-out sequences.
struct SyntheticSequences {
    let dimensions = 8
    let labelFrames = 4
    let templates: [[Float]]  // label 1...4 → labelFrames × dimensions

    init(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let count = labelFrames * dimensions
        templates = (0..<4).map { _ in TestData.gaussian(count, rng: &rng) }
    }

    func sample(rng: inout SeededGenerator) -> TrainingExample {
        let labels = (0..<(2 + rng.nextIndex(below: 3))).map { _ in 1 + rng.nextIndex(below: 4) }
        var values: [Float] = []
        func noise(frames: Int) {
            values += (0..<frames * dimensions).map { _ in Float(rng.nextGaussian() * 0.3) }
        }
        noise(frames: rng.nextIndex(below: 3))
        for (i, label) in labels.enumerated() {
            if i > 0 { noise(frames: 1 + rng.nextIndex(below: 3)) }
            values += templates[label - 1].map { $0 + Float(rng.nextGaussian() * 0.3) }
        }
        noise(frames: rng.nextIndex(below: 3))
        let features = try! FrameMatrix(frames: values.count / dimensions, dimensions: dimensions, values: values)
        return TrainingExample(features: features, labels: labels)
    }
}

@Suite(.timeLimit(.minutes(5))) struct LearningTests {
    @Test func learnsASyntheticSequenceTask() throws {
        let task = SyntheticSequences(seed: 100)
        var dataRng = SeededGenerator(seed: 101)
        let training = (0..<256).map { _ in task.sample(rng: &dataRng) }
        let heldOut = (0..<60).map { _ in task.sample(rng: &dataRng) }

        let units = try UnitInventory(symbols: ["_", "a", "b", "c", "d"], blank: 0)
        let config = ModelConfig(inputDimensions: 8, layers: [
            .convolution(channels: 24, kernel: 5, dilation: 1, stride: 2), .relu, .layerNorm,
            .convolution(channels: 24, kernel: 3, dilation: 1, stride: 1), .relu, .layerNorm, .dropout(rate: 0.05),
        ], units: units)
        let steps = 300
        var trainer = try CTCTrainer(model: AcousticModel(config: config, seed: 102), settings: TrainingSettings(
            schedule: .warmupCosine(peak: 1e-2, warmupSteps: 20, totalSteps: steps, floor: 1e-4), clipNorm: 5, seed: 103))
        var orderRng = SeededGenerator(seed: 104)
        let lengths = training.map(\.features.frames)
        var losses: [Double] = []
        while losses.count < steps {
            for batch in try BatchPlanner.batches(lengths: lengths, batchSize: 8, rng: &orderRng) where losses.count < steps {
                let report = try trainer.trainStep(on: PaddedBatch(batch.map { training[$0] }))
                #expect(report.skipped.isEmpty)
                losses.append(report.meanLoss)
            }
        }
        let first = losses.prefix(10).reduce(0, +) / 10
        let last = losses.suffix(20).reduce(0, +) / 20
        #expect(last < first / 20, "loss fell from \(first) to \(last)")

        var correct = 0
        let greedy = GreedyDecoder(inventory: units)
        for example in heldOut {
            let posteriors = try trainer.model.logProbabilities(for: example.features)
            let decoded = try greedy.bestPath(logPosteriors: posteriors.values, frameCount: posteriors.frames)
            if decoded.map(\.unit) == example.labels { correct += 1 }
        }
        #expect(correct >= 57, "\(correct) of \(heldOut.count) held-out sequences decoded exactly")
        let heldOutLoss = try trainer.model.loss(for: PaddedBatch(heldOut)).meanLoss
        #expect(heldOutLoss < first / 20)
    }
}
