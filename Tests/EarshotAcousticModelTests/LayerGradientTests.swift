import EarshotCore
import Testing
@testable import EarshotAcousticModel

/// Every layer's input and parameter gradients against central finite differences, on padded
/// batches of unequal lengths so the masking is exercised too.
@Suite(.timeLimit(.minutes(5))) struct LayerGradientTests {
    /// Checks `layer` with loss Σ R ⊙ layer(x) for random R; returns (input error, parameter error).
    func check(_ layer: Layer, lengths: [Int], channels: Int, epsilon: Float = 1e-2, seed: UInt64,
               input: Activations? = nil) -> (input: Double, parameters: Double, worst: Double) {
        var rng = SeededGenerator(seed: seed)
        let x = input ?? TestData.activations(lengths: lengths, channels: channels, rng: &rng)
        var parameters = TestData.gaussian(layer.parameterCount, rng: &rng, scale: 0.5)
        if case .layerNorm(let norm) = layer {  // gains around 1, as after initialization
            for c in 0..<norm.channels { parameters[c] += 1 }
        }
        let mode = ForwardMode.training(dropoutSeed: 7)
        func output(_ x: Activations, _ p: [Float]) -> Activations {
            p.withUnsafeBufferPointer { layer.forward(x, parameters: $0, mode: mode, index: 0).0 }
        }
        let y = output(x, parameters)
        let weights = TestData.gaussian(y.values.count, rng: &rng)
        var dy = y.like(values: weights)
        dy.zeroPadding()

        var parameterGradient = [Float](repeating: 0, count: parameters.count)
        let inputGradient = parameters.withUnsafeBufferPointer { p in
            let trace = layer.forward(x, parameters: p, mode: mode, index: 0).1
            return parameterGradient.withUnsafeMutableBufferPointer { g in
                layer.backward(dy, trace: trace, parameters: p, gradient: g)
            }
        }
        // Finite differences only over valid input rows (padding is not an input).
        var validIndices: [Int] = []
        x.forEachValidRow { row in validIndices += (row * x.channels ..< (row + 1) * x.channels) }
        let numericInput = GradientCheck.numerical(at: x.values, epsilon: epsilon, indices: validIndices) {
            TestData.weightedSum(output(x.like(values: $0), parameters), weights: weights)
        }
        let analyticInput = validIndices.map { Double(inputGradient.values[$0]) }
        let numericParameters = GradientCheck.numerical(at: parameters, epsilon: epsilon) {
            TestData.weightedSum(output(x, $0), weights: weights)
        }
        let analyticParameters = parameterGradient.map(Double.init)
        // Padding rows of the input gradient must be exactly zero.
        var paddingLeak: Float = 0
        for b in 0..<x.batch {
            for t in x.lengths[b]..<x.frames {
                for c in 0..<x.channels { paddingLeak = max(paddingLeak, abs(inputGradient.values[(b * x.frames + t) * x.channels + c])) }
            }
        }
        #expect(paddingLeak == 0)
        let worst = max(GradientCheck.worstElementError(numericInput, analyticInput, floor: 1e-1),
                        GradientCheck.worstElementError(numericParameters, analyticParameters, floor: 1e-1))
        return (GradientCheck.relativeError(numericInput, analyticInput),
                GradientCheck.relativeError(numericParameters, analyticParameters), worst)
    }

    @Test(arguments: [
        Convolution1D(inputChannels: 3, outputChannels: 4, kernel: 3, dilation: 1, stride: 1),
        Convolution1D(inputChannels: 3, outputChannels: 5, kernel: 5, dilation: 1, stride: 2),
        Convolution1D(inputChannels: 2, outputChannels: 3, kernel: 3, dilation: 2, stride: 3),
        Convolution1D(inputChannels: 4, outputChannels: 3, kernel: 4, dilation: 1, stride: 1),  // even kernel
        Convolution1D(inputChannels: 4, outputChannels: 6, kernel: 1, dilation: 1, stride: 1),  // projection
    ])
    func convolution(_ conv: Convolution1D) {
        let errors = check(.convolution(conv), lengths: [9, 6, 1], channels: conv.inputChannels, seed: 11)
        #expect(errors.input < 1e-3)
        #expect(errors.parameters < 1e-3)
        #expect(errors.worst < 1e-2)
    }

    @Test func layerNorm() {
        let errors = check(.layerNorm(LayerNorm(channels: 6)), lengths: [5, 3], channels: 6, epsilon: 1e-2, seed: 12)
        #expect(errors.input < 2e-3)
        #expect(errors.parameters < 1e-3)
        #expect(errors.worst < 2e-2)
    }

    @Test func relu() {
        // Inputs kept ≥ 0.1 from the kink so finite differences are valid.
        var rng = SeededGenerator(seed: 13)
        var x = TestData.activations(lengths: [6, 4], channels: 5, rng: &rng)
        x.forEachValidRow { row in
            for c in 0..<5 {
                let v = x.values[row * 5 + c]
                x.values[row * 5 + c] = v >= 0 ? v + 0.1 : v - 0.1
            }
        }
        let errors = check(.relu, lengths: [6, 4], channels: 5, epsilon: 1e-2, seed: 13, input: x)
        #expect(errors.input < 1e-3)
        #expect(errors.worst < 1e-2)
    }

    @Test func dropout() {
        let errors = check(.dropout(Dropout(rate: 0.3)), lengths: [7, 2], channels: 4, seed: 14)
        #expect(errors.input < 1e-3)
        #expect(errors.worst < 1e-2)
    }

    @Test func dropoutKeepsExpectedFractionAndIsIdentityAtInference() {
        let dropout = Dropout(rate: 0.25)
        let mask = dropout.mask(count: 20_000, seed: 3)
        let kept = Double(mask.filter { $0 > 0 }.count) / 20_000
        #expect(abs(kept - 0.75) < 0.02)
        #expect(mask.allSatisfy { $0 == 0 || abs($0 - 1 / 0.75) < 1e-6 })
        #expect(dropout.mask(count: 100, seed: 3) == Array(mask.prefix(100)))
        var rng = SeededGenerator(seed: 4)
        let x = TestData.activations(lengths: [3], channels: 4, rng: &rng)
        let y = [Float]().withUnsafeBufferPointer { Layer.dropout(dropout).forward(x, parameters: $0, mode: .inference, index: 0).0 }
        #expect(y == x)
    }

    /// The checker itself must be able to fail: a gradient 3% off is rejected.
    @Test func checkerRejectsAWrongGradient() {
        var rng = SeededGenerator(seed: 15)
        let x = TestData.gaussian(20, rng: &rng)
        let f: ([Float]) -> Double = { v in v.reduce(0) { $0 + Double($1) * Double($1) * Double($1) } }
        let numeric = GradientCheck.numerical(at: x, epsilon: 1e-2, f)
        let right = x.map { 3 * Double($0) * Double($0) }
        let wrong = right.map { $0 * 1.03 }
        #expect(GradientCheck.relativeError(numeric, right) < 1e-3)
        #expect(GradientCheck.relativeError(numeric, wrong) > 1e-2)
    }
}
