import EarshotCore
import Foundation
import Testing
@testable import EarshotAcousticModel

@Suite(.timeLimit(.minutes(5))) struct TrainingTests {
    @Test func adamFirstStepsMatchTheAlgorithm() throws {
        var adam = AdamOptimizer(parameterCount: 2)
        var parameters: [Float] = [1, -2]
        // Bias-corrected first step moves each parameter by exactly lr · sign(g).
        try adam.update(parameters: &parameters, gradient: [0.5, -0.1], learningRate: 0.1)
        #expect(abs(parameters[0] - 0.9) < 1e-6 && abs(parameters[1] + 1.9) < 1e-6)

        // Against a Double transcription of Kingma & Ba's Algorithm 1 over random steps.
        var rng = SeededGenerator(seed: 1)
        var optimizer = AdamOptimizer(parameterCount: 5, settings: AdamSettings(beta1: 0.8, beta2: 0.99, epsilon: 1e-6))
        var p = TestData.gaussian(5, rng: &rng)
        var reference = p.map(Double.init), m = [Double](repeating: 0, count: 5), v = m
        for step in 1...10 {
            let g = TestData.gaussian(5, rng: &rng)
            try optimizer.update(parameters: &p, gradient: g, learningRate: 0.01)
            for i in 0..<5 {
                m[i] = 0.8 * m[i] + 0.2 * Double(g[i])
                v[i] = 0.99 * v[i] + 0.01 * Double(g[i]) * Double(g[i])
                let mHat = m[i] / (1 - pow(0.8, Double(step))), vHat = v[i] / (1 - pow(0.99, Double(step)))
                reference[i] -= 0.01 * mHat / (vHat.squareRoot() + 1e-6)
            }
        }
        #expect(zip(p, reference).allSatisfy { abs(Double($0) - $1) < 1e-5 })
        #expect(optimizer.step == 10)
    }

    @Test func decoupledWeightDecayOnlyTouchesNamedRanges() throws {
        var adam = AdamOptimizer(parameterCount: 4, settings: AdamSettings(weightDecay: 0.5))
        var parameters: [Float] = [2, 2, 2, 2]
        try adam.update(parameters: &parameters, gradient: [0, 0, 0, 0], learningRate: 0.1, decayedRanges: [0..<2])
        #expect(parameters == [1.9, 1.9, 2, 2])
        #expect(throws: AcousticModelError.parameterCountMismatch(expected: 4, actual: 3)) {
            try adam.update(parameters: &parameters, gradient: [0, 0, 0], learningRate: 0.1)
        }
        #expect(throws: AcousticModelError.self) {
            try adam.update(parameters: &parameters, gradient: [0, 0, 0, 0], learningRate: 0.1, decayedRanges: [2..<9])
        }
        #expect(adam.step == 1)  // rejected updates do not count
    }

    @Test func clippingScalesToTheGlobalNorm() {
        var gradient: [Float] = [3, 4, 0]
        #expect(GradientClipping.clipGlobalNorm(&gradient, maxNorm: 1) == 5)
        #expect(abs(gradient[0] - 0.6) < 1e-6 && abs(gradient[1] - 0.8) < 1e-6)
        var small: [Float] = [0.3, 0.4]
        GradientClipping.clipGlobalNorm(&small, maxNorm: 1)
        #expect(small == [0.3, 0.4])
        GradientClipping.clipGlobalNorm(&small, maxNorm: -1)
        #expect(small == [0.3, 0.4])
    }

    @Test func schedules() throws {
        let cosine = LearningRateSchedule.warmupCosine(peak: 1, warmupSteps: 10, totalSteps: 110, floor: 0.1)
        #expect(abs(cosine.rate(atStep: 0) - 0.1) < 1e-12)
        #expect(abs(cosine.rate(atStep: 9) - 1) < 1e-12)
        #expect(abs(cosine.rate(atStep: 60) - 0.55) < 1e-12)  // half-way down the cosine
        #expect(abs(cosine.rate(atStep: 110) - 0.1) < 1e-12)
        #expect(abs(cosine.rate(atStep: 5000) - 0.1) < 1e-12)
        let steps = LearningRateSchedule.warmupStep(peak: 1, warmupSteps: 0, interval: 100, factor: 0.5)
        #expect(steps.rate(atStep: 99) == 1 && steps.rate(atStep: 100) == 0.5 && steps.rate(atStep: 250) == 0.25)
        #expect(throws: AcousticModelError.self) {
            try LearningRateSchedule.warmupCosine(peak: 1, warmupSteps: 10, totalSteps: 5, floor: 0).validate()
        }
        var plateau = PlateauDecay(factor: 0.5, patience: 2)
        #expect(!plateau.observe(1.0) && !plateau.observe(0.9) && !plateau.observe(0.95))
        #expect(plateau.observe(0.92) && plateau.scale == 0.5)
    }

    @Test func batchPlannerCoversEveryIndexOnceAndIsSeeded() throws {
        let lengths = (0..<103).map { ($0 * 37) % 50 + 1 }
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9), c = SeededGenerator(seed: 10)
        let first = try BatchPlanner.batches(lengths: lengths, batchSize: 8, rng: &a, sortWithinWindow: 4)
        #expect(first.flatMap { $0 }.sorted() == Array(0..<103))
        #expect(first.filter { $0.count != 8 }.count == 1)
        #expect(try BatchPlanner.batches(lengths: lengths, batchSize: 8, rng: &b, sortWithinWindow: 4) == first)
        #expect(try BatchPlanner.batches(lengths: lengths, batchSize: 8, rng: &c, sortWithinWindow: 4) != first)
        #expect(throws: AcousticModelError.self) { try BatchPlanner.batches(lengths: lengths, batchSize: 0, rng: &a) }
    }

    func train(seed: UInt64, steps: Int) throws -> CTCTrainer {
        let model = try AcousticModel(config: tinyConfig(dropout: 0.2), seed: 21)
        var trainer = try CTCTrainer(model: model, settings: TrainingSettings(
            schedule: .warmupCosine(peak: 1e-2, warmupSteps: 2, totalSteps: 10, floor: 0), clipNorm: 1, seed: seed))
        var rng = SeededGenerator(seed: 22)
        let examples = (0..<6).map { example(frames: 9 + $0, labels: [1 + $0 % 4, 2], rng: &rng) }
        for step in 0..<steps {
            try trainer.trainStep(on: PaddedBatch(Array(examples[(step % 2) * 3 ..< (step % 2) * 3 + 3])))
        }
        return trainer
    }

    @Test func sameSeedGivesIdenticalWeights() throws {
        let a = try train(seed: 5, steps: 6), b = try train(seed: 5, steps: 6), c = try train(seed: 6, steps: 6)
        #expect(a.step == 6)
        #expect(a.model.parameters == b.model.parameters)  // bit-identical
        #expect(a.optimizer == b.optimizer)
        #expect(a.model.parameters != c.model.parameters)  // the seed drives dropout
        let initial = try AcousticModel(config: tinyConfig(dropout: 0.2), seed: 21)
        #expect(a.model.parameters != initial.parameters)
        #expect(try AcousticModel(config: tinyConfig(), seed: 21).parameters
                == AcousticModel(config: tinyConfig(), seed: 21).parameters)
    }

    @Test func resumingFromSavedStateContinuesIdentically() throws {
        let straight = try train(seed: 5, steps: 6)
        let half = try train(seed: 5, steps: 3)
        var resumed = try CTCTrainer(model: half.model, optimizer: half.optimizer, settings: half.settings)
        var rng = SeededGenerator(seed: 22)
        let examples = (0..<6).map { example(frames: 9 + $0, labels: [1 + $0 % 4, 2], rng: &rng) }
        for step in 3..<6 {
            try resumed.trainStep(on: PaddedBatch(Array(examples[(step % 2) * 3 ..< (step % 2) * 3 + 3])))
        }
        #expect(resumed.model.parameters == straight.model.parameters)
    }

    @Test func maskedTrainingIsSeededAndDiffersFromUnmasked() throws {
        var rng = SeededGenerator(seed: 60)
        let examples = (0..<3).map { example(frames: 30 + $0, labels: [1, 2, 3], rng: &rng) }
        func run(_ masking: FeatureMasking?) throws -> [Float] {
            var trainer = try CTCTrainer(model: AcousticModel(config: tinyConfig(), seed: 61),
                                         settings: TrainingSettings(schedule: .constant(rate: 1e-2), seed: 62, masking: masking))
            for _ in 0..<3 { try trainer.trainStep(on: examples) }
            return trainer.model.parameters
        }
        let masking = FeatureMasking(frequencyMasks: 1, maxFrequencyWidth: 2, timeMasks: 2, maxTimeWidth: 6, maxTimeFraction: 0.3)
        let masked = try run(masking)
        #expect(try run(masking) == masked)
        #expect(try run(nil) != masked)
        // Without masking, the examples overload is the same as padding them yourself.
        var direct = try CTCTrainer(model: AcousticModel(config: tinyConfig(), seed: 61),
                                    settings: TrainingSettings(schedule: .constant(rate: 1e-2), seed: 62))
        for _ in 0..<3 { try direct.trainStep(on: PaddedBatch(examples)) }
        #expect(try run(nil) == direct.model.parameters)
        let json = try JSONEncoder().encode(TrainingSettings(masking: masking))
        #expect(try JSONDecoder().decode(TrainingSettings.self, from: json).masking == masking)
    }

    @Test func overflowingModelThrowsAndLeavesWeightsUnchanged() throws {
        let model = try AcousticModel(config: tinyConfig(), seed: 80)
        let huge = try AcousticModel(config: model.config, parameters: model.parameters.map { $0 * 1e30 })
        var trainer = try CTCTrainer(model: huge, settings: TrainingSettings())
        var rng = SeededGenerator(seed: 81)
        let batch = try PaddedBatch([example(frames: 12, labels: [1, 2], rng: &rng)])
        #expect(throws: AcousticModelError.invalidInput(reason: "logits contain NaN or infinity")) { try trainer.trainStep(on: batch) }
        #expect(trainer.model.parameters == huge.parameters && trainer.step == 0)
    }

    @Test func checkpointRoundTripResumesIdentically() throws {
        let straight = try train(seed: 5, steps: 6)
        var half = try train(seed: 5, steps: 3)
        half.learningRateScale = 1  // stored and restored with the rest
        let data = try half.checkpoint()
        var resumed = try CTCTrainer(checkpoint: data)
        #expect(resumed.step == 3 && resumed.settings == half.settings && resumed.optimizer == half.optimizer)
        var rng = SeededGenerator(seed: 22)
        let examples = (0..<6).map { example(frames: 9 + $0, labels: [1 + $0 % 4, 2], rng: &rng) }
        for step in 3..<6 {
            try resumed.trainStep(on: PaddedBatch(Array(examples[(step % 2) * 3 ..< (step % 2) * 3 + 3])))
        }
        #expect(resumed.model.parameters == straight.model.parameters)

        var corrupt = [UInt8](data)
        corrupt[corrupt.count - 20] ^= 1
        #expect {
            try CTCTrainer(checkpoint: Data(corrupt), source: "ck.bin")
        } throws: { error in
            if case AcousticModelError.checksumMismatch(let source, _, _) = error { return source == "ck.bin" }
            return false
        }
        #expect(throws: AcousticModelError.badMagic(source: "checkpoint")) {
            try CTCTrainer(checkpoint: try half.model.serialized())
        }
        #expect {
            try CTCTrainer(checkpoint: Data(data.prefix(data.count - 9)))
        } throws: { error in
            if case AcousticModelError.truncated = error { return true }
            return false
        }
    }

    @Test func heInitializationHasTheRightScale() throws {
        let model = try AcousticModel(config: .standard(inputDimensions: 40), seed: 1)
        guard case .convolution(let conv) = model.layers[3] else { Issue.record("layer 3 is not a convolution"); return }
        let weights = model.parameters[model.offsets[3] ..< model.offsets[3] + conv.weightCount]
        let variance = weights.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(weights.count)
        #expect(abs(variance / (2.0 / Double(conv.fanIn)) - 1) < 0.02)
    }
}
