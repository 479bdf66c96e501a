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

    /// Segments converted on several cores join into exactly what one pass gives.
    @Test(arguments: [(44100, 16000, 2, ResamplerQuality.best), (22050, 16000, 1, .medium), (8000, 16000, 1, .medium),
                      (48000, 8000, 1, .best), (16000, 44100, 1, .fastest)])
    func segmentedConversionMatchesOnePass(from: Int, to: Int, channels: Int, quality: ResamplerQuality) throws {
        let segment = 30_000  // small segments keep the test fast; the joins are what matter
        let frames = 3 * segment + 12345
        let noise = TestSignals.noise(amplitude: 0.5, count: frames * channels)
        let input = Waveform(samples: noise, sampleRate: from, channelCount: channels)
        let conversion = SampleRateConversion(from: from, to: to, channels: channels, quality: quality)
        #expect(ResamplerSegments(frames: frames, conversion: conversion, workers: 3, minimumSegmentFrames: segment) != nil)
        let onePass = try Resampler.resample(input, to: to, quality: quality, workers: 1)
        let segmented = try Resampler.resample(input, to: to, quality: quality, workers: 3, minimumSegmentFrames: segment)
        #expect(segmented.samples.count == onePass.samples.count)
        let worst = zip(segmented.samples, onePass.samples).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 1e-5, "segments differ from one pass by up to \(worst)")
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
