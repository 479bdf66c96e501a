import CSndFile
import Foundation

/// Reads and writes audio files through libsndfile.
public enum AudioFile {
    /// Decodes every format libsndfile reads into interleaved float samples.
    public static func read(path: String) throws(AudioError) -> Waveform {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
        var info = SF_INFO()
        guard let handle = sf_open(path, Int32(SFM_READ), &info) else {
            throw .unreadable(source: path, reason: String(cString: sf_strerror(nil)))
        }
        defer { sf_close(handle) }
        guard info.channels > 0, info.samplerate > 0 else {
            throw .corrupt(source: path, reason: "header declares \(info.channels) channels at \(info.samplerate) Hz")
        }
        guard info.frames > 0 else { throw .empty(source: path) }
        let total = Int(info.frames) * Int(info.channels)
        var samples = [Float](repeating: 0, count: total)
        let read = samples.withUnsafeMutableBufferPointer { sf_readf_float(handle, $0.baseAddress, info.frames) }
        guard read > 0 else { throw .corrupt(source: path, reason: "no frames could be decoded") }
        samples.removeLast(total - Int(read) * Int(info.channels))
        return Waveform(samples: samples, sampleRate: Int(info.samplerate), channelCount: Int(info.channels))
    }

    /// Writes a WAV file (16-bit PCM) at `path`.
    public static func writeWAV16(_ waveform: Waveform, to path: String) throws(AudioError) {
        var info = SF_INFO()
        info.samplerate = Int32(waveform.sampleRate)
        info.channels = Int32(waveform.channelCount)
        info.format = Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        guard let handle = sf_open(path, Int32(SFM_WRITE), &info) else {
            throw .writeFailed(path: path, reason: String(cString: sf_strerror(nil)))
        }
        defer { sf_close(handle) }
        let frames = sf_count_t(waveform.frameCount)
        let written = waveform.samples.withUnsafeBufferPointer { sf_writef_float(handle, $0.baseAddress, frames) }
        guard written == frames else { throw .writeFailed(path: path, reason: "wrote \(written) of \(frames) frames") }
    }
}
