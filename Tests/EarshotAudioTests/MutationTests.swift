import Foundation
import Testing
@testable import EarshotAudio

/// Damaged bytes never crash the decoder: each mutated or cut file either decodes to a
/// well-formed waveform or throws an `AudioError`.
@Suite(.timeLimit(.minutes(5))) struct MutationTests {
    static let formats: [AudioFileFormat] = [.wav16, .init(.wav, .ulaw), .init(.aiff, .pcm24), .init(.flac, .pcm16), .init(.ogg, .vorbis)]

    private func encoded(_ format: AudioFileFormat) throws -> Data {
        let scratch = try ScratchFolder()
        let path = scratch.path("m.\(format.container.rawValue)")
        try AudioFile.write(TestSignals.sine(seconds: 0.1, rate: 16000, channels: 2), to: path, format: format)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Decodes and checks the result is self-consistent; returns whether it decoded.
    @discardableResult
    private func decodeSafely(_ bytes: Data) -> Bool {
        do {
            let waveform = try AudioFile.read(data: bytes, name: "mutant")
            #expect(waveform.channelCount > 0 && waveform.sampleRate > 0)
            #expect(waveform.samples.count % waveform.channelCount == 0)
            #expect(waveform.samples.count <= AudioLimits.default.maxSamples)
            return true
        } catch {
            #expect(error.description.hasPrefix("mutant"))
            return false
        }
    }

    @Test(arguments: formats) func flippedBytes(format: AudioFileFormat) throws {
        let original = try encoded(format)
        var state: UInt64 = 7
        for _ in 0..<150 {
            var bytes = original
            for _ in 0..<4 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                // Favour the header, where a wrong byte does the most damage.
                let span = (state >> 40) % 3 == 0 ? bytes.count : min(bytes.count, 128)
                let index = Int((state >> 16) % UInt64(span))
                bytes[bytes.startIndex + index] = UInt8(truncatingIfNeeded: state >> 56)
            }
            decodeSafely(bytes)
        }
    }

    @Test(arguments: formats) func cutAtManyLengths(format: AudioFileFormat) throws {
        let original = try encoded(format)
        var decodedShortened = 0
        for length in stride(from: 0, to: original.count, by: max(1, original.count / 120)) {
            if decodeSafely(original.prefix(length)), length < original.count * 9 / 10 { decodedShortened += 1 }
        }
        // A file cut well short is reported, never silently read as shorter audio.
        #expect(decodedShortened == 0, "\(decodedShortened) cut files decoded without an error")
    }
}
