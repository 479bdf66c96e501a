import Foundation
import Testing
@testable import EarshotAudio

@Suite(.timeLimit(.minutes(5))) struct NormalizerTests {
    /// Normalizes real speech, writes 16-bit WAV, reads it back and measures again.
    @Test(arguments: [(NormalizationMode.lufs, -23.0), (.lufs, -30), (.rms, -20), (.rms, -26), (.peak, -3), (.peak, -1)])
    func speechHitsTargetWithoutClipping(mode: NormalizationMode, target: Double) throws {
        let speech = try AudioFile.read(path: TestSignals.fixture("audio/speech/call.wav"))
        let (normalized, report) = try Normalizer.normalize(speech, options: .init(mode: mode, target: target))
        #expect(report.limitedBy == .none)
        #expect(report.reachedTarget)

        let scratch = try ScratchFolder()
        let path = scratch.path("normalized.wav")
        try AudioFile.writeWAV16(normalized, to: path)
        let stats = try AudioStats(measuring: try AudioFile.read(path: path))
        let level: Double? = switch mode {
        case .lufs: stats.integratedLUFS
        case .rms: stats.rmsDBFS
        case .peak: stats.peakDBFS
        }
        let measured = try #require(level)
        #expect(abs(measured - target) <= 0.1, "\(mode) measured \(measured), target \(target)")
        #expect(stats.clippedFraction == 0)
        #expect(try #require(stats.peakDBFS) <= -0.99)
    }

    @Test func loudTargetIsCappedAtTheCeiling() throws {
        let speech = try AudioFile.read(path: TestSignals.fixture("audio/speech/timer.wav"))
        let (normalized, report) = try Normalizer.normalize(speech, options: .init(mode: .lufs, target: -3, ceilingDBFS: -1))
        #expect(report.limitedBy == .ceiling)
        #expect(!report.reachedTarget)
        let peak = try #require(try AudioStats(measuring: normalized).peakDBFS)
        #expect(abs(peak - -1) < 0.01)
    }

    @Test func nearSilentInputIsBoostedAtMostMaxGain() throws {
        let whisper = TestSignals.sine(frequency: 1000, amplitude: pow(10, -80.0 / 20), seconds: 1, rate: 16000)
        let (normalized, report) = try Normalizer.normalize(whisper, options: .init(mode: .rms, target: -20, maxGainDB: 30))
        #expect(report.isNearSilent)
        #expect(report.limitedBy == .maxGain)
        #expect(abs(report.gainDB - 30) < 1e-9)
        let rms = try #require(try AudioStats(measuring: normalized).rmsDBFS)
        #expect(abs(rms - (-80 - 3.01 + 30)) < 0.05)
    }

    @Test func silenceIsLeftAlone() throws {
        let silence = Waveform(samples: [Float](repeating: 0, count: 16000), sampleRate: 16000)
        let (normalized, report) = try Normalizer.normalize(silence, options: .init(mode: .lufs, target: -23))
        #expect(report.limitedBy == .silence)
        #expect(normalized == silence)
    }

    @Test func invalidOptionsAreRejected() {
        let sine = TestSignals.sine(seconds: 0.5, rate: 16000)
        #expect(throws: AudioError.self) { try Normalizer.normalize(sine, options: .init(mode: .peak, target: 3)) }
        #expect(throws: AudioError.self) { try Normalizer.normalize(sine, options: .init(mode: .rms, target: -20, maxGainDB: -1)) }
        #expect(throws: AudioError.self) { try Normalizer.normalize(sine, options: .init(mode: .lufs, target: .nan)) }
    }
}
