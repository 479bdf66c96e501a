import EarshotCore
/// A resolved layer: its spec bound to input/output channels and its slice of the flat parameter vector.
enum Layer: Sendable, Equatable {
    case convolution(Convolution1D)
    case relu
    case layerNorm(LayerNorm)
    case dropout(Dropout)

    var parameterCount: Int {
        switch self {
        case .convolution(let conv): conv.parameterCount
        case .layerNorm(let norm): norm.parameterCount
        case .relu, .dropout: 0
        }
    }
}

/// What a layer's forward pass keeps for its backward pass.
enum LayerTrace: Sendable {
    case convolution(input: Activations, unfolded: [Float])
    case relu(output: Activations)
    case layerNorm(normalized: [Float], inverseStd: [Float])
    case dropout(mask: [Float])
    case identity
}

/// How a forward pass runs: inference (dropout off) or training with a per-step dropout seed.
enum ForwardMode: Sendable, Equatable {
    case inference
    case training(dropoutSeed: UInt64)
}

extension Layer {
    /// Runs the layer; `index` salts the dropout seed so layers draw independent masks.
    func forward(_ x: Activations, parameters: UnsafeBufferPointer<Float>, mode: ForwardMode, index: Int)
        -> (Activations, LayerTrace) {
        switch self {
        case .convolution(let conv):
            let (y, unfolded) = conv.forward(x, parameters: parameters)
            return (y, .convolution(input: x, unfolded: unfolded))
        case .relu:
            let y = ReLU.forward(x)
            return (y, .relu(output: y))
        case .layerNorm(let norm):
            let (y, normalized, inverseStd) = norm.forward(x, parameters: parameters)
            return (y, .layerNorm(normalized: normalized, inverseStd: inverseStd))
        case .dropout(let dropout):
            guard case .training(let seed) = mode, dropout.rate > 0 else { return (x, .identity) }
            let mask = dropout.mask(count: x.values.count, seed: SplitMix64.derive(seed, UInt64(index)))
            return (Dropout.apply(x, mask: mask), .dropout(mask: mask))
        }
    }

    /// Adds this layer's parameter gradients to `gradient` and returns the input gradient.
    func backward(_ dy: Activations, trace: LayerTrace, parameters: UnsafeBufferPointer<Float>,
                  gradient: UnsafeMutableBufferPointer<Float>) -> Activations {
        switch (self, trace) {
        case (.convolution(let conv), .convolution(let input, let unfolded)):
            return conv.backward(dy, input: input, unfolded: unfolded, parameters: parameters, gradient: gradient)
        case (.relu, .relu(let output)):
            return ReLU.backward(dy, output: output)
        case (.layerNorm(let norm), .layerNorm(let normalized, let inverseStd)):
            return norm.backward(dy, normalized: normalized, inverseStd: inverseStd, parameters: parameters, gradient: gradient)
        case (.dropout, .dropout(let mask)):
            return Dropout.apply(dy, mask: mask)
        case (_, .identity):
            return dy
        default:
            preconditionFailure("layer and trace kinds differ: \(self) vs \(trace)")  // internal invariant
        }
    }
}
