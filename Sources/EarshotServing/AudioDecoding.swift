import EarshotAudio
import Foundation

/// Decodes request bytes with the audio module, so the server accepts exactly the formats
/// `earshot` reads elsewhere and reports the loader's own message on failure.
enum AudioDecoding {
    /// Until the audio module decodes from memory, the bytes go through a private temporary
    /// file that is removed before returning.
    static func decode(_ bytes: [UInt8], name: String) throws(ServingError) -> Waveform {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("earshot-serve-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw .recognizerFailed("cannot write a temporary file for decoding")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            return try AudioFile.read(path: path)
        } catch {
            throw .badAudio(error.description.replacingOccurrences(of: path, with: name))
        }
    }
}

/// Input statistics logged with every request (the raw material for drift monitoring).
public struct AudioStats: Sendable, Codable, Equatable {
    public var durationSeconds: Double
    public var sampleRate: Int
    public var channelCount: Int
    /// Root-mean-square level over all samples, in dB relative to full scale.
    public var rmsDBFS: Double
    /// Largest absolute sample, in dB relative to full scale.
    public var peakDBFS: Double

    public init(_ waveform: Waveform) {
        durationSeconds = waveform.durationSeconds
        sampleRate = waveform.sampleRate
        channelCount = waveform.channelCount
        var sumSquares = 0.0
        var peak: Float = 0
        for sample in waveform.samples {
            sumSquares += Double(sample) * Double(sample)
            peak = max(peak, abs(sample))
        }
        let meanSquare = waveform.samples.isEmpty ? 0 : sumSquares / Double(waveform.samples.count)
        // Floor silence at -120 dB so logs and JSON never carry -infinity.
        rmsDBFS = max(-120, 10 * log10(max(meanSquare, 1e-12)))
        peakDBFS = max(-120, 20 * log10(max(Double(peak), 1e-6)))
    }
}
