import EarshotFeatures
import Foundation
import Testing

/// Kaldi's vocal-tract-length warp of the mel filterbank (`--vtln-warp`), used by training to
/// draw a vocal-tract length per utterance.
@Suite(.timeLimit(.minutes(5))) struct VTLNTests {
    @Test func theWarpIsPiecewiseLinearAndPinsTheBandEdges() {
        let (low, high, lowFreq, highFreq) = (100.0, 7500.0, 20.0, 8000.0)
        for factor in [0.85, 0.95, 1.0, 1.1, 1.15] {
            let warp = { MelFilterbank.vtlnWarp($0, factor: factor, low: low, high: high, lowFreq: lowFreq, highFreq: highFreq) }
            #expect(abs(warp(lowFreq) - lowFreq) < 1e-9)
            #expect(abs(warp(highFreq) - highFreq) < 1e-9)
            // The middle piece scales by 1 / factor.
            #expect(abs(warp(1000) - 1000 / factor) < 1e-9)
            #expect(abs(warp(3000) - 3000 / factor) < 1e-9)
            // Monotone and continuous at both bends (l = low × max(1, f), h = high × min(1, f)).
            var previous = -1.0
            for hertz in stride(from: lowFreq, through: highFreq, by: 5) {
                #expect(warp(hertz) > previous)
                previous = warp(hertz)
            }
            for bend in [low * max(1, factor), high * min(1, factor)] {
                #expect(abs(warp(bend - 1e-6) - warp(bend + 1e-6)) < 1e-4)
            }
            // Outside the band, unchanged.
            #expect(warp(10) == 10)
        }
    }

    @Test func factorOneIsTheUnwarpedBankAndOtherFactorsMoveTheFilters() throws {
        let plain = try MelFilterbank(filterCount: 40, paddedSize: 512, sampleRate: 16000, lowFreq: 20, highFreq: 0)
        let one = try MelFilterbank(filterCount: 40, paddedSize: 512, sampleRate: 16000, lowFreq: 20, highFreq: 0,
                                    vtln: .init(factor: 1))
        #expect(one == plain)
        // A factor above 1 maps each nominal frequency lower, so every middle filter sits on
        // lower FFT bins (a longer vocal tract's formants land where a shorter one's would).
        let longer = try MelFilterbank(filterCount: 40, paddedSize: 512, sampleRate: 16000, lowFreq: 20, highFreq: 0,
                                       vtln: .init(factor: 1.15))
        let shorter = try MelFilterbank(filterCount: 40, paddedSize: 512, sampleRate: 16000, lowFreq: 20, highFreq: 0,
                                        vtln: .init(factor: 0.85))
        for m in 10..<30 {
            #expect(longer.firstBin[m] <= plain.firstBin[m])
            #expect(shorter.firstBin[m] >= plain.firstBin[m])
        }
        #expect(longer.firstBin[20] < plain.firstBin[20] && shorter.firstBin[20] > plain.firstBin[20])
    }

    @Test func aWarpedToneMovesToAnotherMelBin() throws {
        var config = FeatureConfig.fbank
        config.numMelBins = 40
        let tone = (0..<16000).map { 0.3 * sin(2 * Float.pi * 1500 * Float($0) / 16000) }
        func peakBin(_ warp: Float) throws -> Int {
            var warped = config
            warped.vtlnWarp = warp
            let features = try FeatureExtractor(config: warped, sampleRate: 16000).compute(tone, source: "tone")
            let row = Array(features.values[(50 * 40)..<(51 * 40)])
            return row.indices.max { row[$0] < row[$1] }!
        }
        let plain = try peakBin(1), up = try peakBin(1.15), down = try peakBin(0.85)
        #expect(up > plain && down < plain)
    }

    @Test func badOptionsNameTheField() throws {
        var config = FeatureConfig.fbank
        config.vtlnWarp = 0
        #expect(throws: FeatureError.self) { try config.validate() }
        config.vtlnWarp = 1.1
        config.vtlnLow = 9000
        let error = #expect(throws: FeatureError.self) { try FeatureExtractor(config: config, sampleRate: 16000) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("vtln_low"))
        // Files from before VTLN read back unchanged: the keys appear only when warped.
        let encoded = String(decoding: try JSONEncoder().encode(FeatureConfig.fbank), as: UTF8.self)
        #expect(!encoded.contains("vtln"))
        var warped = FeatureConfig.fbank
        warped.vtlnWarp = 0.9
        let decoded = try JSONDecoder().decode(FeatureConfig.self, from: try JSONEncoder().encode(warped))
        #expect(decoded == warped)
    }
}
