import Testing
@testable import EarshotAudio

@Suite(.timeLimit(.minutes(5))) struct ResamplerTests {
    /// A 1 kHz sine keeps its frequency and amplitude (within 0.1 dB) through conversion to 16 kHz.
    @Test(arguments: [8000, 22050, 44100, 48000])
    func sineSurvivesConversionTo16kHz(sourceRate: Int) throws {
        let amplitude = 0.5
        let input = TestSignals.sine(frequency: 1000, amplitude: amplitude, seconds: 1, rate: sourceRate)
        let output = try input.resampled(to: 16000)
        #expect(output.sampleRate == 16000)
        #expect(abs(output.frameCount - 16000) <= 2)
        // Judge the steady middle, away from the filter's start-up and flush.
        let middle = output.samples[4000..<12000]
        let levelError = Analysis.decibels(Analysis.rms(middle) * 2.squareRoot() / amplitude)
        #expect(abs(levelError) < 0.1, "amplitude off by \(levelError) dB")
        let frequency = Analysis.frequency(middle, rate: 16000)
        #expect(abs(frequency - 1000) < 0.5, "frequency \(frequency) Hz")
    }

    @Test(arguments: ResamplerQuality.allCases)
    func everyConverterKeepsTheDuration(quality: ResamplerQuality) throws {
        let stereo = TestSignals.sine(seconds: 0.5, rate: 44100, channels: 2)
        let output = try Resampler.resample(stereo, to: 16000, quality: quality)
        #expect(output.channelCount == 2)
        #expect(abs(output.frameCount - 8000) <= 2)
    }

    /// Converting while decoding gives exactly the samples of decoding, then converting, for
    /// stereo downmixed to mono, kept channels and mono input, up and down.
    @Test(arguments: [(44100, 16000, 2, true, ResamplerQuality.veryHigh), (44100, 16000, 2, false, .high),
                      (8000, 16000, 1, true, .high), (16000, 16000, 2, true, .high), (22050, 16000, 1, true, .quick)])
    func convertingWhileDecodingMatchesConvertingAfter(from: Int, to: Int, channels: Int, downmix: Bool, quality: ResamplerQuality) throws {
        let scratch = try ScratchFolder()
        let frames = 200_000 + 123  // several decode chunks and resampler pieces, and a ragged end
        let input = Waveform(samples: TestSignals.noise(amplitude: 0.5, count: frames * channels), sampleRate: from, channelCount: channels)
        let path = scratch.path("in.wav")
        try AudioFile.write(input, to: path, format: .wavFloat32)
        let options = ConversionOptions(sampleRate: to, downmixToMono: downmix, quality: quality)
        let streamed = try AudioFile.decodeConverted(path: path, options: options)
        let after = try AudioFile.read(path: path).converted(options)
        #expect(streamed.waveform == after)
        #expect(streamed.formatName.contains("WAV"))
        #expect(abs(after.frameCount - Int((Double(frames) * Double(to) / Double(from)).rounded())) <= 1)
    }

    /// The same input and preset give the same samples, run after run.
    @Test func conversionIsRepeatable() throws {
        let input = Waveform(samples: TestSignals.noise(amplitude: 0.5, count: 100_000), sampleRate: 44100)
        #expect(try input.resampled(to: 16000) == input.resampled(to: 16000))
    }

    @Test func sameRateIsUnchanged() throws {
        let input = TestSignals.sine(seconds: 0.1, rate: 16000)
        #expect(try input.resampled(to: 16000) == input)
    }

    @Test func impossibleRatiosAreRejected() {
        let input = TestSignals.sine(seconds: 0.1, rate: 48000)
        #expect(throws: AudioError.self) { try input.resampled(to: 100) }
        #expect(throws: AudioError.self) { try input.resampled(to: 0) }
        #expect(throws: AudioError.self) { try input.resampled(to: -16000) }
        #expect(throws: AudioError.self) { try input.resampled(to: 48000 * 257) }
    }
}

extension ResamplerTests {
    @Test func outputBeyondTheSampleLimitIsRefused() {
        // 2^21 frames upsampled 256-fold would be 2^29 samples, past the 2^28 limit.
        let long = Waveform(samples: [Float](repeating: 0, count: 1 << 21), sampleRate: 1000)
        #expect(throws: AudioError.self) { try long.resampled(to: 256_000) }
    }

    @Test func malformedWaveformsThrowInsteadOfTrapping() {
        let negative = Waveform(samples: [0, 0], sampleRate: -5, channelCount: 1)
        #expect(throws: AudioError.self) { try negative.resampled(to: 16000) }
        #expect(throws: AudioError.self) { try LoudnessMeter.measure(negative) }
        #expect(throws: AudioError.self) { try AudioStats(measuring: negative) }
    }
}
