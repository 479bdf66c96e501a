/// Features of one utterance: `frameCount` rows of `dimension` Float values, row-major.
public struct FeatureMatrix: Sendable, Equatable {
    public let frameCount: Int
    public let dimension: Int
    /// Row-major values; `values.count == frameCount * dimension`.
    public private(set) var values: [Float]

    public init(frameCount: Int, dimension: Int, values: [Float]) throws(FeatureError) {
        guard frameCount >= 0, dimension >= 0, frameCount.multipliedReportingOverflow(by: dimension) == (values.count, false) else {
            throw .dimensionMismatch(source: "feature matrix", expected: frameCount &* dimension, actual: values.count)
        }
        self.frameCount = frameCount
        self.dimension = dimension
        self.values = values
    }

    /// A zero-filled matrix (sizes already validated by the caller).
    init(zeros frameCount: Int, dimension: Int) {
        self.frameCount = frameCount
        self.dimension = dimension
        values = [Float](repeating: 0, count: frameCount * dimension)
    }

    public subscript(frame: Int, column: Int) -> Float {
        get { values[frame * dimension + column] }
        set { values[frame * dimension + column] = newValue }
    }

    public func row(_ frame: Int) -> ArraySlice<Float> {
        values[frame * dimension..<(frame + 1) * dimension]
    }

    /// Rows as nested arrays (for JSON and inspection).
    public var rows: [[Float]] { (0..<frameCount).map { Array(row($0)) } }

    /// Gives the hot loops raw access to the storage.
    mutating func withUnsafeMutableValues<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try values.withUnsafeMutableBufferPointer { try body($0) }
    }
}
