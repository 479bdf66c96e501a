import EarshotCore

/// One hidden layer of the network, as written in a configuration file, e.g.
/// `{"convolution": {"channels": 256, "kernel": 5, "dilation": 1, "stride": 2}}`, `{"relu": {}}`.
public enum LayerSpec: Codable, Sendable, Equatable, Hashable {
    /// 1-D convolution over time (TDNN); `stride` > 1 subsamples frames.
    case convolution(channels: Int, kernel: Int, dilation: Int, stride: Int)
    case relu
    /// Per-frame normalization over channels, with a learned gain and bias.
    case layerNorm
    /// Dropout in training (seeded); identity at inference.
    case dropout(rate: Double)
}

/// The network's shape: input features → `layers` → a 1×1 convolution to `units` → log-softmax.
public struct ModelConfig: Codable, Sendable, Equatable, Hashable {
    /// Feature dimensions per input frame (e.g. 13 MFCC + deltas + delta-deltas = 39, or 40 fbank).
    public var inputDimensions: Int
    public var layers: [LayerSpec]
    public var units: UnitInventory

    public init(inputDimensions: Int, layers: [LayerSpec], units: UnitInventory = .characters) {
        self.inputDimensions = inputDimensions
        self.layers = layers
        self.units = units
    }

    /// A ~0.65 M-parameter TDNN (40-dim input): subsample ×2 in the first layer, then widen the
    /// receptive field by dilation (33 input frames ≈ 0.33 s at a 10 ms frame shift).
    public static func standard(inputDimensions: Int = 40, units: UnitInventory = .characters,
                                channels: Int = 256, dropout: Double = 0.1) -> ModelConfig {
        var layers: [LayerSpec] = [.convolution(channels: channels, kernel: 5, dilation: 1, stride: 2), .relu, .layerNorm]
        for dilation in [1, 2, 4] {
            layers += [.convolution(channels: channels, kernel: 3, dilation: dilation, stride: 1), .relu, .layerNorm]
            if dropout > 0 { layers.append(.dropout(rate: dropout)) }
        }
        return ModelConfig(inputDimensions: inputDimensions, layers: layers, units: units)
    }

    /// Hard ceiling so a hostile or mistyped configuration cannot ask for absurd memory.
    public static let maximumParameterCount = 64_000_000

    /// Checks every field (units are validated by `UnitInventory`'s initializer, re-checked here
    /// because a decoded configuration bypasses it).
    public func validate() throws {
        guard inputDimensions > 0, inputDimensions <= 65_536 else {
            throw AcousticModelError.invalidConfiguration(field: "inputDimensions", reason: "\(inputDimensions) is not in 1...65536")
        }
        do {
            _ = try UnitInventory(symbols: units.symbols, blank: units.blank, wordBoundary: units.wordBoundary, textJoiner: units.textJoiner)
        } catch {
            throw AcousticModelError.invalidConfiguration(field: "units", reason: error.description)
        }
        var count = 0
        var channels = inputDimensions
        for (index, layer) in layers.enumerated() {
            let field = "layers[\(index)]"
            switch layer {
            case .convolution(let out, let kernel, let dilation, let stride):
                for (name, value, limit) in [("channels", out, 65_536), ("kernel", kernel, 64),
                                             ("dilation", dilation, 64), ("stride", stride, 16)] {
                    guard value >= 1, value <= limit else {
                        throw AcousticModelError.invalidConfiguration(field: "\(field).\(name)", reason: "\(value) is not in 1...\(limit)")
                    }
                }
                count += out * kernel * channels + out
                channels = out
            case .layerNorm:
                count += 2 * channels
            case .dropout(let rate):
                guard rate >= 0, rate < 1 else {
                    throw AcousticModelError.invalidConfiguration(field: "\(field).rate", reason: "\(rate) is not in [0, 1)")
                }
            case .relu:
                break
            }
            guard count <= Self.maximumParameterCount else {
                throw AcousticModelError.invalidConfiguration(field: field, reason: "more than \(Self.maximumParameterCount) parameters")
            }
        }
    }
}
