import EarshotCore
/// One labelled utterance: features (frames × dimensions) and its unit ids (no blanks).
public struct TrainingExample: Sendable, Equatable {
    public var features: FrameMatrix
    public var labels: [Int]

    public init(features: FrameMatrix, labels: [Int]) {
        self.features = features
        self.labels = labels
    }
}

/// Utterances padded with zero frames to the longest one, with their true lengths, so one GEMM
/// per layer covers the whole batch. Padding is masked at every layer and in the loss.
public struct PaddedBatch: Sendable, Equatable {
    public let count: Int
    public let maxFrames: Int
    public let dimensions: Int
    public let lengths: [Int]
    public let labels: [[Int]]
    /// [count, maxFrames, dimensions], row-major, zero past each utterance's length.
    let values: [Float]

    public init(_ examples: [TrainingExample]) throws {
        guard let first = examples.first else { throw AcousticModelError.invalidInput(reason: "empty batch") }
        let dimensions = first.features.dimensions
        for example in examples {
            guard example.features.dimensions == dimensions else {
                throw AcousticModelError.inputDimensionMismatch(expected: dimensions, actual: example.features.dimensions)
            }
            guard example.features.frames > 0 else {
                throw AcousticModelError.invalidInput(reason: "an utterance in the batch has no frames")
            }
        }
        let maxFrames = examples.map(\.features.frames).max()!
        var values = [Float](repeating: 0, count: examples.count * maxFrames * dimensions)
        for (b, example) in examples.enumerated() {
            let start = b * maxFrames * dimensions
            values.replaceSubrange(start ..< start + example.features.values.count, with: example.features.values)
        }
        self.count = examples.count
        self.maxFrames = maxFrames
        self.dimensions = dimensions
        self.lengths = examples.map(\.features.frames)
        self.labels = examples.map(\.labels)
        self.values = values
    }

    var activations: Activations {
        Activations(batch: count, frames: maxFrames, channels: dimensions, lengths: lengths, values: values)
    }
}

/// Seeded mini-batch order: a Fisher–Yates shuffle of example indices, cut into batches.
public enum BatchPlanner {
    /// Every index in 0..<count exactly once, in batches of `batchSize` (the last may be smaller).
    /// With `sortWithinWindow` > 1, batches are formed from windows of that many batches sorted
    /// by length, so similar lengths share a batch (less padding) while the order stays random.
    public static func batches(lengths: [Int], batchSize: Int, rng: inout SeededGenerator,
                               sortWithinWindow: Int = 1) throws -> [[Int]] {
        guard batchSize > 0 else {
            throw AcousticModelError.invalidConfiguration(field: "batchSize", reason: "\(batchSize) is not positive")
        }
        var order = Array(lengths.indices)
        shuffle(&order, rng: &rng)
        if sortWithinWindow > 1 {
            let window = batchSize * sortWithinWindow
            order = stride(from: 0, to: order.count, by: window).flatMap { start in
                order[start ..< min(start + window, order.count)].sorted { (lengths[$0], $0) < (lengths[$1], $1) }
            }
        }
        var batches = stride(from: 0, to: order.count, by: batchSize).map { Array(order[$0 ..< min($0 + batchSize, order.count)]) }
        shuffle(&batches, rng: &rng)
        return batches
    }

    /// Fisher–Yates with our own generator (the standard library's shuffle may change between releases).
    public static func shuffle<T>(_ items: inout [T], rng: inout SeededGenerator) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, rng.nextIndex(below: i + 1))
        }
    }
}
