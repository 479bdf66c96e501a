import EarshotCore
/// Kaldi's `add-deltas`: regression deltas over ±`window` frames, applied `order` times, with
/// edge frames repeated. The output row is [x, Δx, Δ²x, ...].
public struct DeltaOptions: Sendable, Equatable, Codable {
    public var order: Int
    public var window: Int

    public init(order: Int = 2, window: Int = 2) {
        self.order = order
        self.window = window
    }

    /// The filter of each order: order 0 is [1]; order i convolves order i−1 with
    /// j / Σ k² for j in −window...window.
    func scales() throws(FeatureError) -> [[Float]] {
        guard (0...8).contains(order) else { throw .invalidOption(field: "delta_order", reason: "must be 0 to 8, got \(order)") }
        guard (1...100).contains(window) else { throw .invalidOption(field: "delta_window", reason: "must be 1 to 100, got \(window)") }
        var scales: [[Float]] = [[1]]
        let normalizer = Float((-window...window).reduce(0) { $0 + $1 * $1 })
        for _ in 0..<order {
            let previous = scales.last!
            var current = [Float](repeating: 0, count: previous.count + 2 * window)
            for j in -window...window {
                for (k, value) in previous.enumerated() { current[j + window + k] += Float(j) * value }
            }
            scales.append(current.map { $0 / normalizer })
        }
        return scales
    }
}

extension FrameMatrix {
    /// Appends delta features up to `options.order`; dimension becomes dimension × (order + 1).
    public func addingDeltas(_ options: DeltaOptions = DeltaOptions()) throws(FeatureError) -> FrameMatrix {
        let scales = try options.scales()
        let inputDimension = dimensions
        let outputDimension = inputDimension * (options.order + 1)
        var output = FrameMatrix(zeros: frames, dimensions: outputDimension)
        guard frames > 0, inputDimension > 0 else { return output }
        let last = frames - 1
        values.withUnsafeBufferPointer { input in
            output.withUnsafeMutableValues { out in
                for frame in 0...last {
                    let row = out.baseAddress! + frame * outputDimension
                    for (order, scale) in scales.enumerated() {
                        let block = row + order * inputDimension
                        let half = scale.count / 2
                        for (j, weight) in scale.enumerated() where weight != 0 {
                            let source = input.baseAddress! + min(max(frame + j - half, 0), last) * inputDimension
                            for d in 0..<inputDimension { block[d] += weight * source[d] }
                        }
                    }
                }
            }
        }
        return output
    }
}
