import EarshotAudio
import Foundation
import Testing
@testable import EarshotFeatures

/// Compares Earshot's features with kaldi-native-fbank's, committed under Fixtures/features/
/// by Tests/Reference/kaldi_reference.py.
@Suite(.timeLimit(.minutes(5))) struct KaldiConformanceTests {
    struct Manifest: Decodable {
        struct Entry: Decodable {
            let audio: String
            let features: String
            let frames: Int
        }
        struct Set: Decodable {
            let name: String
            let config: FeatureConfig
            let files: [Entry]
        }
        let sets: [Set]
    }

    static let manifest: Manifest = {
        let data = FileManager.default.contents(atPath: FixturePaths.path("features/manifest.json"))!
        return try! JSONDecoder().decode(Manifest.self, from: data)
    }()

    static let setNames = manifest.sets.map(\.name)

    /// Largest allowed |Earshot − Kaldi| on any coefficient (float32 arithmetic reaches ~2e-3).
    static let tolerance: Float = 5e-3

    /// Linear (not log) filterbank energies reach 1e10: compare those relative to their size.
    static func scale(of value: Float, in config: FeatureConfig) -> Float {
        config.kind == .fbank && !config.useLogFbank ? max(1, abs(value)) : 1
    }

    @Test(arguments: setNames)
    func matchesKaldiNativeFbank(setName: String) throws {
        let set = try #require(Self.manifest.sets.first { $0.name == setName })
        #expect(!set.files.isEmpty)
        for entry in set.files {
            let waveform = try AudioFile.read(path: FixturePaths.path(entry.audio)).mono()
            let extractor = try FeatureExtractor(config: set.config, sampleRate: waveform.sampleRate)
            let ours = try extractor.compute(waveform.samples, source: entry.audio)
            let reference = try NPYFormat.read(path: FixturePaths.path("features/" + entry.features))
            #expect(ours.frames == reference.frames, "\(setName) \(entry.audio): frame count")
            #expect(ours.dimensions == reference.dimensions, "\(setName) \(entry.audio): dimension")
            guard ours.frames == reference.frames, ours.dimensions == reference.dimensions else { continue }
            var worst: Float = 0, worstAt = (0, 0)
            for frame in 0..<ours.frames {
                for column in 0..<ours.dimensions {
                    let expected = reference[frame, column]
                    let diff = abs(ours[frame, column] - expected) / Self.scale(of: expected, in: set.config)
                    if !(diff <= worst) { worst = diff; worstAt = (frame, column) }
                }
            }
            #expect(worst <= Self.tolerance,
                    "\(setName) \(entry.audio): max |diff| \(worst) at frame \(worstAt.0) column \(worstAt.1)")
        }
    }
}
