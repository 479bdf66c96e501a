import EarshotAcousticModel
import EarshotCore
import EarshotDecoder
import EarshotFeatures
import EarshotRecognizer
import EarshotTestSupport
import Foundation

/// Small bundles for tests: an untrained tiny network with real features, lexicon and LM.
enum BundleFixtures {
    static let fixtures = TestFixtures.root.path

    static func bundle(seed: UInt64 = 3) throws -> ModelBundle {
        var config = FeatureConfig.fbank
        config.numMelBins = 20
        var cmvn = CMVNStats(dimension: 20)
        try cmvn.accumulate(try FrameMatrix(frames: 2, dimensions: 20, values: (0..<40).map { Float($0 % 7) }))
        let model = try AcousticModel(config: .standard(inputDimensions: 20, channels: 16, dropout: 0), seed: seed)
        let sentences = [["call", "mom"], ["one", "two"], ["call", "two"]]
        let lexicon = Lexicon.spelling(["call", "mom", "one", "two"])
        let lm = try NGramLanguageModel.train(sentences: sentences, order: 2)
        return ModelBundle(
            metadata: BundleMetadata(name: "tiny", version: "0", created: "2026-01-01T00:00:00Z", trainingManifestHash: "crc32:0",
                                     evaluation: ["dev_wer": 0.5], referenceStatistics: ["duration": [0.5, 1, 2]]),
            features: FeatureSettings(config: config, cmvn: cmvn), model: model, lexicon: lexicon, languageModel: lm)
    }

    static func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-recognizer-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }
}
