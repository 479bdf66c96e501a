import EarshotCore
import Foundation

/// Best-path CTC decoding: the most probable unit of each frame, repeats merged, blanks dropped.
/// Without a lexicon, words are only known for separator-delimited (character) models.
public struct GreedyDecoder: Sendable {
    public let inventory: UnitInventory
    public var secondsPerFrame: Double

    public init(inventory: UnitInventory, secondsPerFrame: Double = 0.01) {
        self.inventory = inventory
        self.secondsPerFrame = secondsPerFrame
    }

    /// The unit indices of the best path, each with the frame it was first emitted at and
    /// its posterior there.
    public func bestPath(logPosteriors: [Float], frameCount: Int) throws(DecoderError) -> [(unit: Int, frame: Int, logPosterior: Float)] {
        let unitCount = inventory.symbols.count
        guard frameCount >= 0, logPosteriors.count == frameCount * unitCount else {
            throw .invalidInput("expected \(frameCount) × \(unitCount) log posteriors, got \(logPosteriors.count)")
        }
        var path: [(unit: Int, frame: Int, logPosterior: Float)] = []
        var previous = -1
        for frame in 0..<frameCount {
            var best = 0
            for unit in 1..<unitCount where logPosteriors[frame * unitCount + unit] > logPosteriors[frame * unitCount + best] {
                best = unit
            }
            if best != previous && best != inventory.blank {
                path.append((best, frame, logPosteriors[frame * unitCount + best]))
            }
            previous = best
        }
        return path
    }

    /// Words of a character model's best path, split at the separator.
    public func decode(logPosteriors: [Float], frameCount: Int) throws(DecoderError) -> Transcript {
        let path = try bestPath(logPosteriors: logPosteriors, frameCount: frameCount)
        let separator = inventory.boundaryUnit
        var words: [TimedWord] = []
        var current: [(unit: Int, frame: Int, logPosterior: Float)] = []
        func flush() {
            guard let first = current.first, let last = current.last else { return }
            let meanLog = current.reduce(0.0) { $0 + Double($1.logPosterior) } / Double(current.count)
            words.append(TimedWord(word: current.map { inventory.symbols[$0.unit] }.joined(),
                                   start: Double(first.frame) * secondsPerFrame,
                                   end: Double(last.frame + 1) * secondsPerFrame, confidence: exp(meanLog)))
            current = []
        }
        for step in path {
            if step.unit == separator { flush() } else { current.append(step) }
        }
        flush()
        let confidence = words.isEmpty ? 1 : words.map(\.confidence).reduce(1, *)
        return Transcript(words: words, confidence: pow(confidence, 1 / Double(max(words.count, 1))))
    }
}
