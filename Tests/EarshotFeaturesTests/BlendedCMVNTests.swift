import EarshotCore
import Foundation
import Testing
@testable import EarshotFeatures

/// Global CMVN with the utterance's mean blended in (MAP): the limits and the channel it removes.
@Suite(.timeLimit(.minutes(5))) struct BlendedCMVNTests {
    /// Global statistics of a set whose column 0 has mean 2 and standard deviation 3.
    static func globalStats() throws -> CMVNStats {
        let values: [Float] = (0..<1000).flatMap { t -> [Float] in [t % 2 == 0 ? -1 : 5, Float(t % 7), 1] }
        return CMVNStats(try FrameMatrix(frames: 1000, dimensions: 3, values: values))
    }

    @Test func priorWeightMovesBetweenGlobalAndUtteranceMeans() throws {
        let global = try Self.globalStats()
        let utterance = try FrameMatrix(frames: 4, dimensions: 3, values: [10, 0, 0, 12, 0, 0, 10, 0, 0, 12, 0, 0])
        let globalMean = global.sum[0] / global.count, globalStd = 3.0
        for (prior, expectedMean) in [(0.0, 11.0), (4.0, (44 + 4 * globalMean) / 8), (1e9, globalMean)] {
            let pipeline = try FeaturePipeline(config: .fbank.with(melBins: 3), cmvn: .blended(global, priorFrames: prior, normalizeVariance: true))
            let out = try pipeline.postprocess(utterance, source: "u")
            // Frame 0 is 10: (10 − blended mean) / global standard deviation.
            #expect(abs(Double(out[0, 0]) - (10 - expectedMean) / globalStd) < 1e-4, "prior \(prior)")
        }
    }

    @Test func aConstantChannelOffsetIsRemovedFromLongUtterancesOnly() throws {
        let global = try Self.globalStats()
        let clean = try FrameMatrix(frames: 400, dimensions: 3, values: (0..<400).flatMap { t -> [Float] in [Float(t % 5), 1, 0] })
        let shifted = try FrameMatrix(frames: 400, dimensions: 3, values: clean.values.map { $0 + 4 })
        let blended = try FeaturePipeline(config: .fbank.with(melBins: 3), cmvn: .blended(global, priorFrames: 10, normalizeVariance: false))
        let a = try blended.postprocess(clean, source: "clean"), b = try blended.postprocess(shifted, source: "shifted")
        // 400 frames against a prior of 10: the offset shrinks to 4 × 10 / 410.
        #expect(abs(Double(b[0, 0] - a[0, 0]) - 4 * 10 / 410) < 1e-4)
        #expect(throws: FeatureError.self) {
            _ = try FeaturePipeline(config: .fbank.with(melBins: 3), cmvn: .blended(global, priorFrames: -1, normalizeVariance: true))
        }
    }
}

private extension FeatureConfig {
    func with(melBins: Int) -> FeatureConfig {
        var copy = self
        copy.numMelBins = melBins
        return copy
    }
}
