import Foundation
import Testing
@testable import EarshotAudio

@Suite(.timeLimit(.minutes(5))) struct LoudnessTests {
    /// EBU Tech 3341 cases 1 and 2: a stereo 1 kHz sine at −23 (−33) dBFS per channel
    /// reads −23 (−33) LUFS ± 0.1.
    @Test(arguments: [-23.0, -33.0])
    func tech3341StereoSine(level: Double) throws {
        let sine = TestSignals.sine(frequency: 1000, amplitude: pow(10, level / 20), seconds: 20, rate: 48000, channels: 2)
        let loudness = try LoudnessMeter.measure(sine)
        let lufs = try #require(loudness.integratedLUFS)
        #expect(abs(lufs - level) <= 0.1, "measured \(lufs) LUFS")
    }

    /// EBU Tech 3342 case 1: 20 s at −20 dBFS then 20 s at −30 dBFS has a loudness range of 10 LU ± 1.
    @Test func tech3342LoudnessRange() throws {
        let loud = TestSignals.sine(frequency: 1000, amplitude: pow(10, -20.0 / 20), seconds: 20, rate: 48000, channels: 2)
        let quiet = TestSignals.sine(frequency: 1000, amplitude: pow(10, -30.0 / 20), seconds: 20, rate: 48000, channels: 2)
        let both = Waveform(samples: loud.samples + quiet.samples, sampleRate: 48000, channelCount: 2)
        let range = try #require(try LoudnessMeter.measure(both).rangeLU)
        #expect(abs(range - 10) <= 1, "range \(range) LU")
    }

    @Test func silenceHasNoLoudness() throws {
        let silence = Waveform(samples: [Float](repeating: 0, count: 16000), sampleRate: 16000)
        #expect(try LoudnessMeter.measure(silence).integratedLUFS == nil)
    }

    @Test func shortClipGetsUngatedLoudness() throws {
        // 300 ms is shorter than one gating block; the whole clip is measured instead.
        let short = TestSignals.sine(frequency: 1000, amplitude: pow(10, -23.0 / 20), seconds: 0.3, rate: 16000, channels: 2)
        let lufs = try #require(try LoudnessMeter.measure(short).integratedLUFS)
        #expect(abs(lufs - -23) < 0.3, "measured \(lufs) LUFS")
    }
}

extension LoudnessTests {
    @Test func rangeIsUndefinedBelowOneShortTermWindow() throws {
        let short = TestSignals.sine(seconds: 2, rate: 16000)
        #expect(try LoudnessMeter.measure(short).rangeLU == nil)
    }
}
