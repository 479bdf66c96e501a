import EarshotAudio
import Foundation

/// Writes audio files the way every corpus command must: atomically, never over an input.
enum AudioOutput {
    /// Writes a 16-bit WAV through a temporary file in the same folder and a rename.
    static func writeWAV(_ waveform: Waveform, to path: String) throws(CorpusError) {
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier).wav"
        do {
            try TextFile.createParentDirectory(of: path)
        } catch {
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
        do throws(AudioError) {
            try AudioFile.writeWAV16(waveform, to: temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .audio(error)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw .writeFailed(path: path, reason: reason)
        }
    }

    /// Reads audio as one channel at `sampleRate`.
    static func readMono(path: String, sampleRate: Int?, converter: any SampleRateConverter) throws(CorpusError) -> Waveform {
        let waveform: Waveform
        do throws(AudioError) {
            waveform = try AudioFile.read(path: path).mono()
        } catch {
            throw .audio(error)
        }
        guard let sampleRate else { return waveform }
        return try converter.convert(waveform, to: sampleRate)
    }
}
