import EarshotCore
import Foundation
import Testing
@testable import EarshotAcousticModel

/// A small model exercising every layer kind, strides and dilation.
func tinyConfig(inputDimensions: Int = 4, units: Int = 5, dropout: Double = 0) -> ModelConfig {
    var layers: [LayerSpec] = [.convolution(channels: 6, kernel: 3, dilation: 1, stride: 2), .relu, .layerNorm]
    if dropout > 0 { layers.append(.dropout(rate: dropout)) }
    layers += [.convolution(channels: 5, kernel: 3, dilation: 2, stride: 1), .relu]
    let symbols = ["_"] + (1..<units).map { String(UnicodeScalar(UInt8(96 + $0))) }
    return ModelConfig(inputDimensions: inputDimensions, layers: layers,
                       units: try! UnitInventory(symbols: symbols, blank: 0))
}

func example(frames: Int, labels: [Int], dimensions: Int = 4, rng: inout SeededGenerator) -> TrainingExample {
    TrainingExample(features: TestData.features(frames: frames, dimensions: dimensions, rng: &rng), labels: labels)
}

@Suite(.timeLimit(.minutes(5))) struct ModelTests {
    @Test func wholeModelGradientMatchesFiniteDifferences() throws {
        let model = try AcousticModel(config: tinyConfig(), seed: 3)
        var rng = SeededGenerator(seed: 4)
        let batch = try PaddedBatch([example(frames: 11, labels: [1, 2, 1], rng: &rng),
                                     example(frames: 7, labels: [3, 3], rng: &rng)])
        let analytic = try model.lossAndGradient(for: batch, dropoutSeed: nil)
        #expect(analytic.skipped.isEmpty)
        // ε = 1e-3: larger steps cross ReLU kinks (ε = 1e-2 gave 9% error here, ε = 1e-3 gives 2e-5).
        let numeric = try GradientCheck.numerical(at: model.parameters, epsilon: 1e-3) {
            try AcousticModel(config: model.config, parameters: $0).lossAndGradient(for: batch, dropoutSeed: nil).meanLoss
        }
        let gradient = analytic.gradient.map(Double.init)
        #expect(GradientCheck.relativeError(numeric, gradient) < 1e-3)
        #expect(GradientCheck.worstElementError(numeric, gradient, floor: 5e-2) < 1e-2)
    }

    /// The standard stack (dilations 1/2/4, dropout active with a fixed seed) at a small width,
    /// every 3rd parameter. Deep ReLU stacks put some kink within ±ε of many coordinates, where
    /// a finite difference is simply invalid (here 0.3–2 % error while ReLU-free stacks agree to
    /// 1e-4), so coordinates whose ±ε evaluations flip any ReLU are excluded, and at least half must remain.
    @Test func standardStackWithDropoutGradientMatchesFiniteDifferences() throws {
        let config = ModelConfig.standard(inputDimensions: 6, channels: 8, dropout: 0.2)
        let model = try AcousticModel(config: config, seed: 41)
        var rng = SeededGenerator(seed: 42)
        let units = UnitInventory.characters
        let batch = try PaddedBatch([
            TrainingExample(features: TestData.features(frames: 30, dimensions: 6, rng: &rng), labels: units.labels(forCharacters: "hello")),
            TrainingExample(features: TestData.features(frames: 19, dimensions: 6, rng: &rng), labels: units.labels(forCharacters: "aa b")),
        ])
        let analytic = try model.lossAndGradient(for: batch, dropoutSeed: 43)
        let baseline = try Self.reluPattern(model, batch)
        let epsilon: Float = 1e-3
        var numeric: [Double] = [], expected: [Double] = []
        var probe = model.parameters
        for i in stride(from: 0, to: model.parameterCount, by: 3) {
            let original = probe[i]
            probe[i] = original + epsilon
            let plus = try AcousticModel(config: config, parameters: probe)
            probe[i] = original - epsilon
            let minus = try AcousticModel(config: config, parameters: probe)
            probe[i] = original
            guard try Self.reluPattern(plus, batch) == baseline, try Self.reluPattern(minus, batch) == baseline else { continue }
            let step = Double(original + epsilon) - Double(original - epsilon)
            numeric.append((try plus.lossAndGradient(for: batch, dropoutSeed: 43).meanLoss
                            - minus.lossAndGradient(for: batch, dropoutSeed: 43).meanLoss) / step)
            expected.append(Double(analytic.gradient[i]))
        }
        #expect(numeric.count > model.parameterCount / 3 / 2, "only \(numeric.count) kink-free coordinates")
        let error = GradientCheck.relativeError(numeric, expected)
        #expect(error < 1e-3, "relative error \(error) over \(numeric.count) coordinates")
        // A different dropout seed is a different function: the check is not vacuous.
        let otherMask = try model.lossAndGradient(for: batch, dropoutSeed: 44)
        #expect(otherMask.meanLoss != analytic.meanLoss)
    }

    /// Which ReLU outputs are positive, over the whole forward pass (dropout seed 43).
    static func reluPattern(_ model: AcousticModel, _ batch: PaddedBatch) throws -> [Bool] {
        model.forward(batch.activations, mode: .training(dropoutSeed: 43), keepTraces: true).traces.flatMap { trace in
            if case .relu(let output) = trace { return output.values.map { $0 > 0 } }
            return []
        }
    }

    @Test func inputGradientMatchesFiniteDifferences() throws {
        let model = try AcousticModel(config: tinyConfig(), seed: 5)
        var rng = SeededGenerator(seed: 6)
        let features = TestData.features(frames: 9, dimensions: 4, rng: &rng)
        let input = Activations(batch: 1, frames: 9, channels: 4, lengths: [9], values: features.values)
        func loss(_ x: Activations) throws -> (Double, Activations) {
            let (logits, traces) = model.forward(x, mode: .inference, keepTraces: true)
            let result = try CTCLoss.lossAndGradient(logits: logits.utterance(0), labels: [1, 4], blank: 0)
            let dx = model.backward(logits.like(values: result.gradient.values), traces: traces).input
            return (result.loss, dx)
        }
        let analytic = try loss(input).1.values.map(Double.init)
        let numeric = try GradientCheck.numerical(at: input.values, epsilon: 1e-2) { try loss(input.like(values: $0)).0 }
        #expect(GradientCheck.relativeError(numeric, analytic) < 5e-3)
    }

    /// Padding must not leak: a padded batch gives each utterance's own loss, and the mean of the
    /// individual gradients.
    @Test func paddedBatchEqualsIndividualUtterances() throws {
        let model = try AcousticModel(config: tinyConfig(), seed: 7)
        var rng = SeededGenerator(seed: 8)
        let examples = [example(frames: 13, labels: [1, 2], rng: &rng), example(frames: 5, labels: [4], rng: &rng),
                        example(frames: 8, labels: [2, 2, 3], rng: &rng)]
        let batch = try model.lossAndGradient(for: PaddedBatch(examples), dropoutSeed: nil)
        var meanGradient = [Double](repeating: 0, count: model.parameterCount)
        for (b, single) in examples.enumerated() {
            let alone = try model.lossAndGradient(for: PaddedBatch([single]), dropoutSeed: nil)
            let batchLoss = try #require(batch.utteranceLosses[b])
            #expect(abs(batchLoss - alone.meanLoss) < 1e-5 * alone.meanLoss)
            for i in meanGradient.indices { meanGradient[i] += Double(alone.gradient[i]) / Double(examples.count) }
            // Log-probabilities of the utterance alone equal its rows in the batch.
            let logits = model.forward(try PaddedBatch(examples).activations, mode: .inference, keepTraces: false).output
            let aloneLogits = try model.logits(for: single.features)
            let rows = logits.utterance(b)
            #expect(rows.frames == aloneLogits.frames)
            #expect(zip(rows.values, aloneLogits.values).allSatisfy { abs($0 - $1) < 1e-5 })
        }
        #expect(GradientCheck.relativeError(meanGradient, batch.gradient.map(Double.init)) < 1e-5)
    }

    @Test func batchedInferenceEqualsOneAtATime() throws {
        let model = try AcousticModel(config: tinyConfig(), seed: 70)
        var rng = SeededGenerator(seed: 71)
        let inputs = [17, 4, 30, 1].map { TestData.features(frames: $0, dimensions: 4, rng: &rng) }
        let batched = try model.logProbabilities(forBatch: inputs)
        #expect(batched.count == 4)
        for (input, output) in zip(inputs, batched) {
            let alone = try model.logProbabilities(for: input)
            #expect(output.frames == alone.frames)
            #expect(zip(output.values, alone.values).allSatisfy { abs($0 - $1) < 1e-5 })
        }
        #expect(try model.logProbabilities(forBatch: []).isEmpty)
        #expect(model.layerSummary.count == 6)
        #expect(model.layerSummary[0] == "conv 4→6 kernel 3 dilation 1 stride 2: 78 parameters")
    }

    /// Even garbage in padding rows cannot reach valid outputs or the gradient.
    @Test func garbageInPaddingDoesNotLeak() throws {
        let model = try AcousticModel(config: tinyConfig(), seed: 9)
        var rng = SeededGenerator(seed: 10)
        let clean = try PaddedBatch([example(frames: 10, labels: [1], rng: &rng), example(frames: 4, labels: [2], rng: &rng)])
        var dirty = clean.activations
        for t in 4..<10 { for c in 0..<4 { dirty.values[(10 + t) * 4 + c] = 1e3 } }
        let a = model.forward(clean.activations, mode: .inference, keepTraces: false).output
        let b = model.forward(dirty, mode: .inference, keepTraces: false).output
        #expect(a == b)
        // Also when the first layer is a 1×1 convolution, which reads its input rows directly.
        let pointwise = try AcousticModel(config: ModelConfig(inputDimensions: 4, layers: [
            .convolution(channels: 5, kernel: 1, dilation: 1, stride: 1), .relu], units: tinyConfig().units), seed: 9)
        #expect(pointwise.forward(clean.activations, mode: .inference, keepTraces: false).output
                == pointwise.forward(dirty, mode: .inference, keepTraces: false).output)
    }

    @Test func infeasibleUtterancesAreSkippedNotNaN() throws {
        let model = try AcousticModel(config: tinyConfig(), seed: 11)
        var rng = SeededGenerator(seed: 12)
        // 4 input frames → 2 output frames: three labels cannot fit.
        let batch = try PaddedBatch([example(frames: 4, labels: [1, 2, 3], rng: &rng), example(frames: 12, labels: [1, 2], rng: &rng)])
        let result = try model.lossAndGradient(for: batch, dropoutSeed: nil)
        #expect(result.skipped == [0])
        #expect(result.utteranceLosses[0] == nil)
        #expect(result.meanLoss.isFinite)
        #expect(result.gradient.allSatisfy { $0.isFinite })
        let onlyBad = try PaddedBatch([example(frames: 4, labels: [1, 2, 3], rng: &rng)])
        #expect(throws: AcousticModelError.noTrainableUtterance(batchSize: 1)) {
            try model.lossAndGradient(for: onlyBad, dropoutSeed: nil)
        }
        #expect(throws: AcousticModelError.invalidLabel(label: 0, unitCount: 5, blank: 0)) {
            try model.lossAndGradient(for: PaddedBatch([example(frames: 12, labels: [0], rng: &rng)]), dropoutSeed: nil)
        }
    }

    @Test func shapesSubsamplingAndLogProbabilities() throws {
        let model = try AcousticModel(config: tinyConfig(), seed: 13)
        #expect(model.frameSubsampling == 2)
        #expect(model.receptiveFieldFrames == 1 + 2 + 2 * 2 * 2)  // k3 (stride 2), then k3 dilation 2 at half rate
        #expect(try AcousticModel(config: .standard(), seed: 1).receptiveFieldFrames == 33)
        #expect(model.outputFrames(forInputFrames: 11) == 6)
        var rng = SeededGenerator(seed: 14)
        let logProbabilities = try model.logProbabilities(for: TestData.features(frames: 11, dimensions: 4, rng: &rng))
        #expect(logProbabilities.frames == 6 && logProbabilities.dimensions == 5)
        for t in 0..<6 {
            let total = logProbabilities.row(t).reduce(0.0) { $0 + exp(Double($1)) }
            #expect(abs(total - 1) < 1e-5)
        }
    }

    /// Perturbing one input frame at a time: the inputs that move a central output frame span
    /// exactly the receptive field.
    @Test func receptiveFieldMatchesTheNetwork() throws {
        let model = try AcousticModel(config: .standard(inputDimensions: 4, channels: 16, dropout: 0), seed: 50)
        var rng = SeededGenerator(seed: 51)
        let input = TestData.features(frames: 80, dimensions: 4, rng: &rng)
        let base = try model.logits(for: input)
        let target = 20  // output frame 20 ↔ input frame 40, far from both edges
        var influencing: [Int] = []
        for frame in 0..<80 {
            var values = input.values
            for d in 0..<4 { values[frame * 4 + d] += 3 }
            let moved = try model.logits(for: FrameMatrix(frames: 80, dimensions: 4, values: values))
            if moved.row(target) != base.row(target) { influencing.append(frame) }
        }
        #expect(influencing.count >= 2)
        #expect(influencing.last! - influencing.first! + 1 == model.receptiveFieldFrames)
    }

    @Test func rejectsBadInput() throws {
        let model = try AcousticModel(config: tinyConfig(), seed: 15)
        #expect(throws: AcousticModelError.inputDimensionMismatch(expected: 4, actual: 3)) {
            try model.logits(for: FrameMatrix(frames: 2, dimensions: 3, values: [Float](repeating: 0, count: 6)))
        }
        #expect(throws: AcousticModelError.self) {
            try model.logits(for: FrameMatrix(frames: 1, dimensions: 4, values: [0, .nan, 0, 0]))
        }
        #expect(throws: AcousticModelError.self) { try model.logits(for: FrameMatrix(frames: 0, dimensions: 4, values: [])) }
        #expect(throws: FrameMatrixError.shapeMismatch(frames: 2, dimensions: 4, expected: 8, actual: 7)) {
            try FrameMatrix(frames: 2, dimensions: 4, values: [Float](repeating: 0, count: 7))
        }
        #expect(throws: AcousticModelError.parameterCountMismatch(expected: model.parameterCount, actual: 3)) {
            try AcousticModel(config: model.config, parameters: [1, 2, 3])
        }
    }

    /// Many threads share one model value; each forward pass has its own scratch.
    @Test func concurrentInferenceGivesIdenticalOutputs() async throws {
        let model = try AcousticModel(config: .standard(inputDimensions: 13, channels: 32), seed: 16)
        var rng = SeededGenerator(seed: 17)
        let inputs = (0..<16).map { TestData.features(frames: 40 + 7 * $0, dimensions: 13, rng: &rng) }
        let sequential = try inputs.map { try model.logProbabilities(for: $0) }
        let concurrent = try await withThrowingTaskGroup(of: (Int, FrameMatrix).self) { group in
            for round in 0..<4 {
                for (i, input) in inputs.enumerated() {
                    group.addTask { (i, try model.logProbabilities(for: input)) }
                }
                _ = round
            }
            var results: [(Int, FrameMatrix)] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(concurrent.count == 64)
        for (i, output) in concurrent { #expect(output == sequential[i]) }
    }
}
