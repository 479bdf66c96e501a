import EarshotAudio
import Foundation

/// Decodes request bytes in memory with the audio module, so the server accepts exactly the
/// formats `earshot` reads elsewhere and reports the loader's own message on failure.
enum AudioDecoding {
    /// Highest sample rate × channels budgeted per second of audio: 192 kHz stereo.
    static let samplesPerSecondBudget = 2 * 192_000.0

    /// Decodes `bytes`, refusing audio longer than `maxSeconds` from its header before any
    /// sample is decoded (or as soon as a stream without a length decodes past it).
    static func decode(_ bytes: [UInt8], name: String, maxSeconds: Double) throws(ServingError) -> DecodedAudio {
        let limits = AudioLimits(
            maxDurationSeconds: maxSeconds,
            maxSamples: Int(min(Double(AudioLimits.default.maxSamples), (maxSeconds * samplesPerSecondBudget).rounded(.up))))
        let decoded: DecodedAudio
        do {
            decoded = try AudioFile.decode(data: Data(bytes), name: name, limits: limits)
        } catch {
            if case .tooLarge = error { throw .audioTooLong(error.description) }
            throw .badAudio(error.description)
        }
        let seconds = decoded.waveform.durationSeconds
        guard seconds <= maxSeconds else {
            throw .audioTooLong("\(name): \(String(format: "%.2f", seconds)) s of audio; the limit is \(String(format: "%.2f", maxSeconds)) s")
        }
        return decoded
    }
}
