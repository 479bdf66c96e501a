import Foundation
import Testing
@testable import EarshotAudio

/// Every format Earshot decodes, at every common rate and channel count, written by libsndfile
/// into a scratch folder and read back from the path and from memory.
@Suite(.timeLimit(.minutes(5))) struct FormatMatrixTests {
    static let formats: [AudioFileFormat] = [
        .init(.wav, .pcmU8), .init(.wav, .pcm16), .init(.wav, .pcm24), .init(.wav, .pcm32),
        .init(.wav, .float32), .init(.wav, .float64), .init(.wav, .ulaw), .init(.wav, .alaw),
        .init(.aiff, .pcmS8), .init(.aiff, .pcm16), .init(.aiff, .pcm24), .init(.aiff, .pcm32),
        .init(.aiff, .float32), .init(.aiff, .ulaw), .init(.aiff, .alaw),
        .init(.flac, .pcmS8), .init(.flac, .pcm16), .init(.flac, .pcm24),
        .init(.ogg, .vorbis), .init(.au, .pcm16), .init(.caf, .pcm24), .init(.w64, .float32),
    ]
    static let shapes: [(rate: Int, channels: Int)] = [8000, 16000, 22050, 44100, 48000].flatMap { rate in
        [1, 2, 6].map { (rate: rate, channels: $0) }
    }

    /// Worst sample error each encoding may introduce on a half-scale sine.
    static func tolerance(_ encoding: AudioFileFormat.Encoding) -> Float {
        switch encoding {
        case .pcmU8, .pcmS8: 1.0 / 64
        case .ulaw, .alaw: 1.0 / 32
        case .pcm16: 1.0 / 16000
        case .pcm24, .pcm32: 1e-6
        case .float32, .float64: 1e-7
        case .vorbis: .infinity  // lossy: compared by level below
        }
    }

    @Test(arguments: formats, shapes.indices)
    func roundTrip(format: AudioFileFormat, shapeIndex: Int) throws {
        let (rate, channels) = Self.shapes[shapeIndex]
        let scratch = try ScratchFolder()
        let path = scratch.path("test.\(format.container.rawValue)")
        let original = TestSignals.sine(frequency: 440, amplitude: 0.5, seconds: 0.25, rate: rate,
                                        channels: channels, distinctChannels: true)
        try AudioFile.write(original, to: path, format: format)

        let fromPath = try AudioFile.decode(path: path)
        let fromMemory = try AudioFile.read(data: Data(contentsOf: URL(fileURLWithPath: path)), name: "upload")
        #expect(fromMemory == fromPath.waveform)
        let decoded = fromPath.waveform
        #expect(decoded.sampleRate == rate)
        #expect(decoded.channelCount == channels)
        // libsndfile reads the pad byte of an odd-sized 8-bit AIFF sound chunk as one more frame.
        let padFrame = format.container == .aiff && [.pcmS8, .ulaw, .alaw].contains(format.encoding)
            && (original.frameCount * channels) % 2 == 1 ? 1 : 0
        #expect(decoded.frameCount == original.frameCount + padFrame)
        #expect(!fromPath.formatName.isEmpty)

        if format.encoding == .vorbis {
            // Vorbis maps a sixth channel to 5.1's LFE, which its encoder low-passes.
            for channel in 0..<(channels == 6 ? 5 : channels) {
                let level = Analysis.decibels(rms(of: decoded, channel: channel) / rms(of: original, channel: channel))
                #expect(abs(level) < 1, "channel \(channel) level off by \(level) dB")
            }
        } else {
            let worst = zip(decoded.samples, original.samples).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= Self.tolerance(format.encoding), "worst sample error \(worst)")
        }
    }

    private func rms(of waveform: Waveform, channel: Int) -> Double {
        let samples = stride(from: channel, to: waveform.samples.count, by: waveform.channelCount).map { waveform.samples[$0] }
        return Analysis.rms(samples[...])
    }

    @Test func readsCommittedFixtures() throws {
        let speech = try AudioFile.read(path: TestSignals.fixture("audio/speech/weather.wav"))
        #expect(speech.sampleRate == 22050)
        #expect(speech.channelCount == 1)
        #expect(speech.durationSeconds > 1)
        let digit = try AudioFile.read(path: TestSignals.fixture("audio/fsdd/0_george_0.wav"))
        #expect(digit.sampleRate == 8000)
        #expect(digit.samples.contains { abs($0) > 0.05 })
    }
}
