import EarshotCore
import Foundation
import Testing
@testable import EarshotFeatures

/// Behaviour of the extractor beyond Kaldi conformance: bad input, options, threads, dither.
@Suite(.timeLimit(.minutes(5))) struct FeatureExtractorTests {
    static func tone(seconds: Double = 1, rate: Int = 16000, hertz: Double = 440) -> [Float] {
        (0..<Int(seconds * Double(rate))).map { Float(0.3 * sin(2 * Double.pi * hertz * Double($0) / Double(rate))) }
    }

    @Test func audioShorterThanOneFrameGivesZeroFrames() throws {
        let extractor = try FeatureExtractor(config: .mfcc, sampleRate: 16000)
        let short = try extractor.compute([Float](repeating: 0.1, count: 399))
        #expect(short.frames == 0 && short.dimensions == 13 && short.values.isEmpty)
        #expect(try extractor.compute([]).frames == 0)
        var centred = FeatureConfig.fbank
        centred.snipEdges = false
        // Without snipping, even 100 samples make one (reflected) frame.
        let one = try FeatureExtractor(config: centred, sampleRate: 16000).compute([Float](repeating: 0.1, count: 100))
        #expect(one.frames == 1 && one.values.allSatisfy(\.isFinite))
    }

    @Test func nonFiniteSamplesAreAnErrorNamingTheInput() throws {
        let extractor = try FeatureExtractor(config: .mfcc, sampleRate: 16000)
        for bad in [Float.nan, .infinity, -.infinity] {
            var samples = Self.tone()
            samples[1234] = bad
            #expect(throws: FeatureError.nonFiniteSample(source: "clip.wav", index: 1234)) {
                try extractor.compute(samples, source: "clip.wav")
            }
        }
        #expect(FeatureError.nonFiniteSample(source: "clip.wav", index: 3).description.contains("clip.wav"))
    }

    @Test func invalidOptionsAreErrorsNotTraps() {
        var configs: [FeatureConfig] = []
        for change in [
            { (c: inout FeatureConfig) in c.frameLengthMs = 0 },
            { $0.frameShiftMs = -1 },
            { $0.frameLengthMs = .nan },
            { $0.numMelBins = 2 },
            { $0.numMelBins = 300 },
            { $0.highFreq = 9000 },
            { $0.lowFreq = 8000 },
            { $0.numCeps = 24 },
            { $0.numCeps = 0 },
            { $0.dither = -1 },
            { $0.preemphasisCoefficient = 2 },
        ] {
            var config = FeatureConfig.mfcc
            change(&config)
            configs.append(config)
        }
        for config in configs {
            #expect(throws: FeatureError.self) { try FeatureExtractor(config: config, sampleRate: 16000) }
        }
        #expect(throws: FeatureError.self) { try FeatureExtractor(config: .mfcc, sampleRate: 0) }
        // Rate-independent options fail before any audio is read; rate-dependent ones do not.
        #expect(throws: FeatureError.self) { try FeaturePipeline(config: configs[0]) }
        var high = FeatureConfig.mfcc
        high.highFreq = 10000
        #expect(throws: Never.self) { try FeaturePipeline(config: high) }
        #expect(throws: FeatureError.self) { try FeaturePipeline(config: high).extractor(sampleRate: 16000) }
        #expect(throws: Never.self) { try FeaturePipeline(config: high).extractor(sampleRate: 44100) }
    }

    @Test func aToneLightsUpItsMelBin() throws {
        var config = FeatureConfig.fbank
        config.roundToPowerOfTwo = false  // a 400-point FFT: FFTW handles any size
        let extractor = try FeatureExtractor(config: config, sampleRate: 16000)
        let features = try extractor.compute(Self.tone(hertz: 1000))
        let row = Array(features.row(10))
        let loudest = row.indices.max { row[$0] < row[$1] }!
        // The filter whose centre is nearest 1 kHz in mel.
        let delta = (MelFilterbank.mel(8000) - MelFilterbank.mel(20)) / 81
        let expected = Int(((MelFilterbank.mel(1000) - MelFilterbank.mel(20)) / delta).rounded()) - 1
        #expect(abs(loudest - expected) <= 1, "loudest \(loudest), expected about \(expected)")
    }

    @Test func oneExtractorServesManyThreads() async throws {
        let extractor = try FeatureExtractor(config: .mfcc, sampleRate: 16000)
        let inputs = (0..<8).map { Self.tone(seconds: 0.5, hertz: 200 + 100 * Double($0)) }
        let serial = try inputs.map { try extractor.compute($0) }
        let parallel = try await withThrowingTaskGroup(of: (Int, FrameMatrix).self) { group in
            for (i, input) in inputs.enumerated() {
                group.addTask { (i, try extractor.compute(input)) }
            }
            var results = [FrameMatrix?](repeating: nil, count: inputs.count)
            for try await (i, matrix) in group { results[i] = matrix }
            return results
        }
        #expect(parallel.map { $0! } == serial)
    }

    @Test func plansForNewSizesCanBeMadeFromManyThreadsAtOnce() async throws {
        // Odd and even sizes without power-of-two rounding: each a new FFTW plan.
        let lengths = (0..<12).map { 20.0 + 1.3 * Double($0) }
        func extract(_ ms: Double) throws -> FrameMatrix {
            var config = FeatureConfig.fbank
            config.frameLengthMs = ms
            config.roundToPowerOfTwo = false
            return try FeatureExtractor(config: config, sampleRate: 16000).compute(Self.tone(seconds: 0.3))
        }
        let parallel = try await withThrowingTaskGroup(of: (Int, FrameMatrix).self) { group in
            for (i, ms) in lengths.enumerated() { group.addTask { (i, try extract(ms)) } }
            var results = [FrameMatrix?](repeating: nil, count: lengths.count)
            for try await (i, matrix) in group { results[i] = matrix }
            return results
        }
        #expect(parallel.map { $0! } == (try lengths.map { try extract($0) }))
    }

    @Test func ditherIsSeededAndOffByDefault() throws {
        #expect(FeatureConfig.mfcc.dither == 0)
        var config = FeatureConfig.mfcc
        config.dither = 1
        config.ditherSeed = 7
        let samples = Self.tone(seconds: 0.3)
        let a = try FeatureExtractor(config: config, sampleRate: 16000).compute(samples)
        let b = try FeatureExtractor(config: config, sampleRate: 16000).compute(samples)
        config.ditherSeed = 8
        let c = try FeatureExtractor(config: config, sampleRate: 16000).compute(samples)
        let plain = try FeatureExtractor(config: .mfcc, sampleRate: 16000).compute(samples)
        #expect(a == b)
        #expect(a != c)
        #expect(a != plain)
        // Noise of one 16-bit step barely moves a loud tone's log energy (column 0).
        #expect((0..<a.frames).allSatisfy { abs(a[$0, 0] - plain[$0, 0]) < 0.01 })
    }
}
