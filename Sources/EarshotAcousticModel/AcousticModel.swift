import EarshotCore
/// The CTC acoustic model: an immutable configuration plus one flat vector of weights. A value
/// type, so it is `Sendable` and safe to share: every forward pass allocates its own scratch.
/// Inference from many threads at once is safe (OpenBLAS's pthread build allows concurrent calls;
/// when parallelizing over utterances, `BLASThreads.use(.parallelUtterances)` first).
public struct AcousticModel: Sendable, Equatable {
    public let config: ModelConfig
    /// All weights, layer after layer (see each layer for its internal order).
    public internal(set) var parameters: [Float]
    let layers: [Layer]
    /// Start of each layer's slice of `parameters`.
    let offsets: [Int]

    /// A freshly initialized model: He-normal convolutions, unit layer-norm gains, zero biases.
    public init(config: ModelConfig, seed: UInt64) throws {
        let (layers, offsets, count) = try Self.resolve(config)
        var parameters = [Float](repeating: 0, count: count)
        var rng = SeededGenerator(seed: seed)
        parameters.withUnsafeMutableBufferPointer { p in
            for (index, layer) in layers.enumerated() {
                let slice = UnsafeMutableBufferPointer(rebasing: p[offsets[index] ..< offsets[index] + layer.parameterCount])
                switch layer {
                case .convolution(let conv):
                    // The output projection has no ReLU after it: Xavier-like scale 1 keeps logits small.
                    conv.initialize(slice, scale: index == layers.count - 1 ? 1 : 2, rng: &rng)
                case .layerNorm(let norm):
                    norm.initialize(slice)
                case .relu, .dropout:
                    break
                }
            }
        }
        self.config = config
        self.parameters = parameters
        self.layers = layers
        self.offsets = offsets
    }

    /// A model with given weights (loaded from a file, or taken from a trainer).
    public init(config: ModelConfig, parameters: [Float]) throws {
        let (layers, offsets, count) = try Self.resolve(config)
        guard parameters.count == count else {
            throw AcousticModelError.parameterCountMismatch(expected: count, actual: parameters.count)
        }
        guard parameters.allSatisfy({ $0.isFinite }) else {
            throw AcousticModelError.invalidInput(reason: "model parameters contain NaN or infinity")
        }
        self.config = config
        self.parameters = parameters
        self.layers = layers
        self.offsets = offsets
    }

    public var parameterCount: Int { parameters.count }
    public var units: UnitInventory { config.units }

    /// Input frames per output frame (product of the strides).
    public var frameSubsampling: Int {
        layers.reduce(1) { product, layer in
            if case .convolution(let conv) = layer { return product * conv.stride }
            return product
        }
    }

    /// Input frames that can influence one output frame (the network's context window).
    public var receptiveFieldFrames: Int {
        var field = 1, spacing = 1  // spacing: input frames between neighbouring positions here
        for case .convolution(let conv) in layers {
            field += (conv.kernel - 1) * conv.dilation * spacing
            spacing *= conv.stride
        }
        return field
    }

    /// Output frames for an utterance of `inputFrames` feature frames.
    public func outputFrames(forInputFrames inputFrames: Int) -> Int {
        layers.reduce(inputFrames) { length, layer in
            if case .convolution(let conv) = layer { return conv.outputLength(length) }
            return length
        }
    }

    /// Runs every layer; traces are kept only when a backward pass will follow.
    func forward(_ input: Activations, mode: ForwardMode, keepTraces: Bool) -> (output: Activations, traces: [LayerTrace]) {
        var x = input
        var traces: [LayerTrace] = []
        traces.reserveCapacity(keepTraces ? layers.count : 0)
        parameters.withUnsafeBufferPointer { p in
            for (index, layer) in layers.enumerated() {
                let slice = UnsafeBufferPointer(rebasing: p[offsets[index] ..< offsets[index] + layer.parameterCount])
                let (y, trace) = layer.forward(x, parameters: slice, mode: mode, index: index)
                if keepTraces { traces.append(trace) }
                x = y
            }
        }
        return (x, traces)
    }

    /// Back-propagates the logits' gradient; returns the flat parameter gradient and the input gradient.
    func backward(_ outputGradient: Activations, traces: [LayerTrace]) -> (parameters: [Float], input: Activations) {
        var gradient = [Float](repeating: 0, count: parameters.count)
        var dy = outputGradient
        parameters.withUnsafeBufferPointer { p in
            gradient.withUnsafeMutableBufferPointer { g in
                for index in layers.indices.reversed() {
                    let range = offsets[index] ..< offsets[index] + layers[index].parameterCount
                    dy = layers[index].backward(dy, trace: traces[index],
                                                parameters: UnsafeBufferPointer(rebasing: p[range]),
                                                gradient: UnsafeMutableBufferPointer(rebasing: g[range]))
                }
            }
        }
        return (gradient, dy)
    }

    /// One line per layer: kind, shape and parameter count (for training logs).
    public var layerSummary: [String] {
        layers.map { layer in
            switch layer {
            case .convolution(let c):
                "conv \(c.inputChannels)→\(c.outputChannels) kernel \(c.kernel) dilation \(c.dilation) stride \(c.stride): \(c.parameterCount) parameters"
            case .relu: "relu"
            case .layerNorm(let n): "layer norm \(n.channels): \(n.parameterCount) parameters"
            case .dropout(let d): "dropout \(d.rate)"
            }
        }
    }

    /// Index ranges of the parameters that weight decay applies to (convolution weights, not
    /// biases or layer-norm gains).
    public var decayedParameterRanges: [Range<Int>] {
        layers.indices.compactMap { index in
            guard case .convolution(let conv) = layers[index] else { return nil }
            return offsets[index] ..< offsets[index] + conv.weightCount
        }
    }

    /// Binds the configuration to concrete layers (validating it) and lays out the parameter vector.
    static func resolve(_ config: ModelConfig) throws -> (layers: [Layer], offsets: [Int], count: Int) {
        try config.validate()
        var layers: [Layer] = []
        var channels = config.inputDimensions
        for spec in config.layers {
            switch spec {
            case .convolution(let out, let kernel, let dilation, let stride):
                layers.append(.convolution(Convolution1D(inputChannels: channels, outputChannels: out,
                                                         kernel: kernel, dilation: dilation, stride: stride)))
                channels = out
            case .relu: layers.append(.relu)
            case .layerNorm: layers.append(.layerNorm(LayerNorm(channels: channels)))
            case .dropout(let rate): layers.append(.dropout(Dropout(rate: rate)))
            }
        }
        layers.append(.convolution(Convolution1D(inputChannels: channels, outputChannels: config.units.count,
                                                 kernel: 1, dilation: 1, stride: 1)))
        var offsets: [Int] = []
        var count = 0
        for layer in layers {
            offsets.append(count)
            count += layer.parameterCount
        }
        return (layers, offsets, count)
    }
}
