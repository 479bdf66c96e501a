/// A sequence of frames × dimensions, Float32, row-major: one utterance's features as the
/// features stage makes them, and the network's input and output (logits or log-probabilities
/// per unit). The one matrix type every stage passes along.
public struct FrameMatrix: Sendable, Equatable {
    public let frames: Int
    public let dimensions: Int
    /// `frames * dimensions` values; frame `t` is `values[t * dimensions ..< (t + 1) * dimensions]`.
    public private(set) var values: [Float]

    public init(frames: Int, dimensions: Int, values: [Float]) throws(FrameMatrixError) {
        guard frames >= 0, dimensions >= 0 else { throw .invalidShape(frames: frames, dimensions: dimensions) }
        let (count, overflow) = frames.multipliedReportingOverflow(by: dimensions)
        guard !overflow, count == values.count else {
            throw .shapeMismatch(frames: frames, dimensions: dimensions, expected: overflow ? Int.max : count, actual: values.count)
        }
        self.frames = frames
        self.dimensions = dimensions
        self.values = values
    }

    /// Builds from rows of equal length.
    public init(rows: [[Float]]) throws(FrameMatrixError) {
        guard let width = rows.first?.count else { throw .noRows }
        guard rows.allSatisfy({ $0.count == width }) else { throw .raggedRows }
        try self.init(frames: rows.count, dimensions: width, values: rows.flatMap { $0 })
    }

    /// A zero-filled matrix (sizes already validated by the caller).
    public init(zeros frames: Int, dimensions: Int) {
        self.frames = frames
        self.dimensions = dimensions
        values = [Float](repeating: 0, count: frames * dimensions)
    }

    /// For hot paths whose shape is consistent by construction (checked in debug builds).
    public init(unchecked frames: Int, _ dimensions: Int, _ values: [Float]) {
        assert(frames * dimensions == values.count, "frame matrix shape")
        self.frames = frames
        self.dimensions = dimensions
        self.values = values
    }

    public subscript(frame: Int, dimension: Int) -> Float {
        get { values[frame * dimensions + dimension] }
        set { values[frame * dimensions + dimension] = newValue }
    }

    public func row(_ frame: Int) -> ArraySlice<Float> {
        values[frame * dimensions ..< (frame + 1) * dimensions]
    }

    /// Rows as nested arrays (for JSON and inspection).
    public var rows: [[Float]] { (0..<frames).map { Array(row($0)) } }

    /// Gives hot loops raw access to the storage.
    public mutating func withUnsafeMutableValues<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try values.withUnsafeMutableBufferPointer { try body($0) }
    }
}

/// Coded as `{"frames": F, "dimension": D, "data": [[...], ...]}`, the shape
/// `earshot features --format json` writes; decoding checks that every row has D values.
extension FrameMatrix: Codable {
    enum CodingKeys: String, CodingKey {
        case frames, dimension, data
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let frames = try container.decode(Int.self, forKey: .frames)
        let dimension = try container.decode(Int.self, forKey: .dimension)
        let rows = try container.decode([[Float]].self, forKey: .data)
        guard frames >= 0, dimension >= 0, rows.count == frames, rows.allSatisfy({ $0.count == dimension }) else {
            throw DecodingError.dataCorruptedError(forKey: .data, in: container,
                                                   debugDescription: "expected \(frames) rows of \(dimension) values")
        }
        self.init(unchecked: frames, dimension, rows.flatMap { $0 })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(frames, forKey: .frames)
        try container.encode(dimensions, forKey: .dimension)
        try container.encode(rows, forKey: .data)
    }
}

/// A frame matrix whose shape does not hold together.
public enum FrameMatrixError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidShape(frames: Int, dimensions: Int)
    case shapeMismatch(frames: Int, dimensions: Int, expected: Int, actual: Int)
    case noRows
    case raggedRows

    public var description: String {
        switch self {
        case .invalidShape(let frames, let dimensions): "matrix shape \(frames)×\(dimensions) is not valid"
        case .shapeMismatch(let frames, let dimensions, let expected, let actual):
            "\(frames)×\(dimensions) frame matrix: expected \(expected) values, got \(actual)"
        case .noRows: "matrix has no rows"
        case .raggedRows: "matrix rows have different lengths"
        }
    }
}
