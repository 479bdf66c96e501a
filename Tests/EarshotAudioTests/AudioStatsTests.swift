import Foundation
import Testing
@testable import EarshotAudio

@Suite(.timeLimit(.minutes(5))) struct AudioStatsTests {
    @Test func halfScaleSine() throws {
        let sine = TestSignals.sine(frequency: 1000, amplitude: 0.5, seconds: 2, rate: 16000, channels: 2)
        let stats = try AudioStats(measuring: sine, file: "sine.wav")
        #expect(abs(stats.durationSeconds - 2) < 1e-9)
        #expect(stats.channels == 2 && stats.sampleRate == 16000 && stats.frames == 32000)
        #expect(abs(try #require(stats.peakDBFS) - -6.02) < 0.01)
        #expect(abs(try #require(stats.rmsDBFS) - -9.03) < 0.01)
        #expect(abs(stats.dcOffset) < 1e-4)
        #expect(stats.clippedFraction == 0)
        #expect(!stats.isNearSilent)
    }

    @Test func dcOffsetAndClipping() throws {
        // A sine driven twice past full scale and hard-clipped, riding on +0.1 DC.
        let loud = TestSignals.sine(frequency: 100, amplitude: 2, seconds: 1, rate: 8000)
        let clipped = Waveform(samples: loud.samples.map { min(1, max(-1, $0)) + 0.1 }.map { min(1, $0) }, sampleRate: 8000)
        let stats = try AudioStats(measuring: clipped)
        #expect(stats.clippedFraction > 0.3 && stats.clippedFraction < 0.45, "clipped \(stats.clippedFraction)")
        #expect(abs(stats.dcOffset - 0.1) < 0.05)
    }

    /// Bursts of tone between stretches of quiet noise: the estimate is the tone-to-noise ratio.
    @Test func snrFromFrameEnergies() throws {
        let rate = 16000
        let tone = TestSignals.sine(frequency: 500, amplitude: 0.5, seconds: 0.5, rate: rate).samples
        let noise = TestSignals.noise(amplitude: 0.005, count: rate / 2)
        let signal = Waveform(samples: Array([[Float]](repeating: tone + noise, count: 4).joined()), sampleRate: rate)
        let expected = 10 * log10(0.125 / (0.005 * 0.005 / 3))  // sine power / uniform-noise power
        let snr = try #require(try AudioStats(measuring: signal).snrDB)
        #expect(abs(snr - expected) < 1.5, "snr \(snr) dB, expected \(expected)")
    }

    @Test func silenceIsNearSilentWithUndefinedLevels() throws {
        let stats = try AudioStats(measuring: Waveform(samples: [Float](repeating: 0, count: 8000), sampleRate: 8000))
        #expect(stats.isNearSilent)
        #expect(stats.peakDBFS == nil && stats.rmsDBFS == nil && stats.integratedLUFS == nil)
    }

    @Test func jsonHasEveryKeyWithNullsForUndefinedLevels() throws {
        let stats = try AudioStats(measuring: Waveform(samples: [Float](repeating: 0, count: 8000), sampleRate: 8000))
        let json = String(decoding: try JSONEncoder().encode(stats), as: UTF8.self)
        #expect(json.contains("\"peakDBFS\":null"))
        #expect(json.contains("\"integratedLUFS\":null"))
        #expect(try JSONDecoder().decode(AudioStats.self, from: Data(json.utf8)) == stats)
    }

    @Test func realSpeechHasPlausibleLevels() throws {
        let speech = try AudioFile.decode(path: TestSignals.fixture("audio/speech/weather.wav"))
        let stats = try AudioStats(measuring: speech.waveform, format: speech.formatName)
        #expect(stats.format?.contains("WAV") == true)
        let lufs = try #require(stats.integratedLUFS)
        #expect(lufs > -40 && lufs < -5)
        #expect(try #require(stats.snrDB) > 10)
    }
}
