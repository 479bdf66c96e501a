import EarshotAudio
import Foundation
import Testing
@testable import EarshotCorpus

@Suite(.timeLimit(.minutes(5))) struct SampleRateConverterTests {
    /// Amplitude of `frequency` in the samples, by correlation with a sine and cosine.
    static func amplitude(of frequency: Double, in waveform: Waveform) -> Double {
        var re = 0.0, im = 0.0
        for (index, sample) in waveform.samples.enumerated() {
            let phase = 2 * Double.pi * frequency * Double(index) / Double(waveform.sampleRate)
            re += Double(sample) * cos(phase)
            im += Double(sample) * sin(phase)
        }
        return 2 * (re * re + im * im).squareRoot() / Double(waveform.samples.count)
    }

    @Test(arguments: [(22050, 16000), (16000, 8000), (8000, 16000), (17600, 16000)])
    func keepsToneInTheBandAtItsLevel(from: Int, to: Int) throws {
        let tone = TestSupport.sine(frequency: 1000, seconds: 0.5, sampleRate: from)
        let resampled = try SoxrConverter().convert(tone, to: to)
        #expect(resampled.sampleRate == to)
        #expect(abs(resampled.durationSeconds - 0.5) < 0.001)
        let middle = Waveform(samples: Array(resampled.samples[to / 10 ..< to * 4 / 10]), sampleRate: to)
        #expect(abs(Self.amplitude(of: 1000, in: middle) - 0.5) < 0.01)
    }

    @Test func removesWhatCannotBeRepresented() throws {
        // 6 kHz is above 8 kHz's Nyquist frequency: it must not fold back to 2 kHz.
        let tone = TestSupport.sine(frequency: 6000, seconds: 0.5, sampleRate: 16000)
        let resampled = try SoxrConverter().convert(tone, to: 8000)
        #expect(TestSupport.rms(resampled.samples) < 0.01)
    }

    @Test func rejectsImpossibleRates() {
        let tone = TestSupport.sine(frequency: 100, seconds: 0.1, sampleRate: 16000)
        #expect(throws: CorpusError.self) { try SoxrConverter().convert(tone, to: 0) }
        #expect(throws: CorpusError.self) { try SoxrConverter().convert(tone, to: 16000 * 300) }
    }
}
