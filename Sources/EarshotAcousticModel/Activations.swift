import EarshotCore
/// A padded batch of sequences between layers: [batch, frames, channels] row-major, with each
/// utterance's true frame count. Rows at or past an utterance's length are kept at zero, so
/// padding never reaches a convolution's receptive field, a statistic, or a gradient.
struct Activations: Sendable, Equatable {
    var batch: Int
    var frames: Int
    var channels: Int
    var lengths: [Int]
    var values: [Float]

    init(batch: Int, frames: Int, channels: Int, lengths: [Int], values: [Float]) {
        precondition(lengths.count == batch && values.count == batch * frames * channels)
        self.batch = batch
        self.frames = frames
        self.channels = channels
        self.lengths = lengths
        self.values = values
    }

    static func zeros(batch: Int, frames: Int, channels: Int, lengths: [Int]) -> Activations {
        Activations(batch: batch, frames: frames, channels: channels, lengths: lengths,
                    values: [Float](repeating: 0, count: batch * frames * channels))
    }

    var rowCount: Int { batch * frames }

    /// The same shape and lengths with new values (zeros by default).
    func like(values newValues: [Float]? = nil) -> Activations {
        Activations(batch: batch, frames: frames, channels: channels, lengths: lengths,
                    values: newValues ?? [Float](repeating: 0, count: values.count))
    }

    /// Calls `body(row)` for every row inside its utterance's length.
    func forEachValidRow(_ body: (Int) -> Void) {
        for b in 0..<batch {
            for t in 0..<lengths[b] { body(b * frames + t) }
        }
    }

    /// Zeroes every padding row (used on incoming gradients, so padding cannot leak into weights).
    mutating func zeroPadding() {
        let frames = frames, channels = channels, lengths = lengths
        values.withUnsafeMutableBufferPointer { v in
            for b in 0..<batch where lengths[b] < frames {
                let start = (b * frames + lengths[b]) * channels
                let end = (b + 1) * frames * channels
                v.baseAddress!.advanced(by: start).update(repeating: 0, count: end - start)
            }
        }
    }

    /// One utterance's valid frames as a matrix.
    func utterance(_ b: Int) -> FrameMatrix {
        let start = b * frames * channels
        return FrameMatrix(unchecked: lengths[b], channels,
                           Array(values[start ..< start + lengths[b] * channels]))
    }
}
