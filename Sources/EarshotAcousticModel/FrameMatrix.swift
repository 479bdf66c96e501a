/// A sequence of frames × dimensions, Float32, row-major: the model's input (features) and
/// output (logits or log-probabilities per unit). Kept local so this module needs no features module.
public struct FrameMatrix: Sendable, Equatable, Codable {
    public let frames: Int
    public let dimensions: Int
    /// `frames * dimensions` values; frame `t` is `values[t * dimensions ..< (t + 1) * dimensions]`.
    public let values: [Float]

    public init(frames: Int, dimensions: Int, values: [Float]) throws {
        guard frames >= 0, dimensions > 0 else {
            throw AcousticModelError.invalidInput(reason: "matrix shape \(frames)×\(dimensions) is not valid")
        }
        let (count, overflow) = frames.multipliedReportingOverflow(by: dimensions)
        guard !overflow, count == values.count else {
            throw AcousticModelError.shapeMismatch(
                what: "\(frames)×\(dimensions) frame matrix", expected: overflow ? Int.max : count, actual: values.count)
        }
        self.frames = frames
        self.dimensions = dimensions
        self.values = values
    }

    /// Builds from rows of equal length.
    public init(rows: [[Float]]) throws {
        guard let width = rows.first?.count else {
            throw AcousticModelError.invalidInput(reason: "matrix has no rows")
        }
        guard rows.allSatisfy({ $0.count == width }) else {
            throw AcousticModelError.invalidInput(reason: "matrix rows have different lengths")
        }
        try self.init(frames: rows.count, dimensions: width, values: rows.flatMap { $0 })
    }

    /// Trusted internal construction (shape already consistent).
    init(unchecked frames: Int, _ dimensions: Int, _ values: [Float]) {
        self.frames = frames
        self.dimensions = dimensions
        self.values = values
    }

    public subscript(frame: Int, dimension: Int) -> Float {
        values[frame * dimensions + dimension]
    }

    public func row(_ frame: Int) -> ArraySlice<Float> {
        values[frame * dimensions ..< (frame + 1) * dimensions]
    }
}
