import Foundation
import Testing
@testable import EarshotFeatures

@Suite(.timeLimit(.minutes(5))) struct ConfigFileTests {
    func write(_ text: String, name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-config-\(UUID())-\(name)")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func jsonKeepsTheDefaultsOfItsType() throws {
        let path = try write(#"{"type": "fbank", "num_mel_bins": 40, "snip_edges": false, "window_type": "hamming"}"#, name: "c.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let config = try FeatureConfig.load(path: path, defaultKind: .mfcc)
        var expected = FeatureConfig.fbank
        expected.numMelBins = 40
        expected.snipEdges = false
        expected.windowType = .hamming
        #expect(config == expected)
    }

    @Test func kaldiConfFilesAreRead() throws {
        let path = try write("""
        # a Kaldi mfcc.conf
        --num-mel-bins=40
        --use-energy=false
        --high-freq=-400   # below Nyquist
        --window-type=hanning
        --sample-frequency=16000
        """, name: "mfcc.conf")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let config = try FeatureConfig.load(path: path, defaultKind: .mfcc)
        #expect(config.kind == .mfcc && config.numMelBins == 40 && !config.useEnergy)
        #expect(config.highFreq == -400 && config.windowType == .hanning && config.numCeps == 13)
        #expect(config.sampleFrequency == 16000)
        #expect(throws: FeatureError.sampleRateMismatch(source: "a.wav", expected: 16000, actual: 8000)) {
            try FeaturePipeline(config: config).extract([Float](repeating: 0, count: 800), sampleRate: 8000, source: "a.wav")
        }
        #expect(throws: Never.self) {
            try FeaturePipeline(config: config).extract([Float](repeating: 0, count: 800), sampleRate: 16000, source: "a.wav")
        }
    }

    @Test func unknownOrMistypedOptionsAreErrors() throws {
        for (text, name) in [(#"{"num_mel_binz": 40}"#, "a.json"), (#"{"num_mel_bins": "many"}"#, "b.json"),
                             ("--window-type=triangle", "c.conf"), ("num-mel-bins 40", "d.conf")] {
            let path = try write(text, name: name)
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(throws: FeatureError.self, "\(text)") { try FeatureConfig.load(path: path, defaultKind: .mfcc) }
        }
    }

    @Test func encodingRoundTrips() throws {
        var config = FeatureConfig.fbank
        config.dither = 0.5
        config.ditherSeed = 42
        config.usePower = false
        config.sampleFrequency = 8000
        let data = try JSONEncoder().encode(config)
        #expect(String(decoding: data, as: UTF8.self).contains("\"num_mel_bins\":80"))
        #expect(try JSONDecoder().decode(FeatureConfig.self, from: data) == config)
    }
}
