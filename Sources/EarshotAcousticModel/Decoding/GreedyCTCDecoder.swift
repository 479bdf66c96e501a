#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// One unit the greedy path emitted, over output frames [startFrame, endFrame).
public struct DecodedUnit: Sendable, Equatable, Codable {
    public let unit: Int
    public let symbol: String
    public let startFrame: Int
    public let endFrame: Int
    /// Mean posterior of this unit over its frames.
    public let confidence: Float
}

/// The best-path transcription of one utterance.
public struct GreedyDecoding: Sendable, Equatable, Codable {
    public let units: [DecodedUnit]
    public let text: String
    /// Geometric mean over frames of the best path's posterior: 1 when every frame is certain.
    public let confidence: Float
    /// Output frames decoded (multiply by the model's `frameSubsampling` and the feature frame
    /// shift to get seconds).
    public let frames: Int

    public var labels: [Int] { units.map(\.unit) }
}

/// Greedy (best-path) CTC decoding: the most likely unit per frame, repeats merged, blanks dropped.
public enum GreedyCTCDecoder {
    /// `logProbabilities` is output frames × units (from `AcousticModel.logProbabilities(for:)`).
    public static func decode(logProbabilities: FrameMatrix, units inventory: UnitInventory) throws -> GreedyDecoding {
        guard logProbabilities.dimensions == inventory.count else {
            throw AcousticModelError.inputDimensionMismatch(expected: inventory.count, actual: logProbabilities.dimensions)
        }
        var emitted: [DecodedUnit] = []
        var pathLogProb: Double = 0
        var runUnit = inventory.blank, runStart = 0, runPosterior: Double = 0
        func closeRun(at end: Int) {
            guard runUnit != inventory.blank, end > runStart else { return }
            emitted.append(DecodedUnit(unit: runUnit, symbol: inventory.symbols[runUnit], startFrame: runStart,
                                       endFrame: end, confidence: Float(runPosterior / Double(end - runStart))))
        }
        logProbabilities.values.withUnsafeBufferPointer { lp in
            let width = inventory.count
            for t in 0..<logProbabilities.frames {
                var best = 0
                for k in 1..<width where lp[t * width + k] > lp[t * width + best] { best = k }
                let logP = Double(lp[t * width + best])
                pathLogProb += logP
                if best != runUnit || t == 0 {
                    closeRun(at: t)
                    runUnit = best
                    runStart = t
                    runPosterior = 0
                }
                runPosterior += exp(logP)
            }
        }
        closeRun(at: logProbabilities.frames)
        let frames = logProbabilities.frames
        let confidence = frames > 0 ? Float(exp(pathLogProb / Double(frames))) : 0
        return GreedyDecoding(units: emitted, text: inventory.text(for: emitted.map(\.unit)),
                              confidence: confidence, frames: frames)
    }
}
