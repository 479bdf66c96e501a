import CSndFile
import Foundation

/// Reads and writes audio through libsndfile: WAV (PCM 8/16/24/32-bit, float, A-law, µ-law),
/// FLAC, OGG/Vorbis, AIFF, AU, CAF and the rest libsndfile knows, from a path or from bytes.
public enum AudioFile {
    /// Decodes the file at `path` into interleaved float samples.
    public static func read(path: String) throws(AudioError) -> Waveform {
        try decode(path: path, limits: .default).waveform
    }

    /// Decodes the file at `path`, enforcing `limits`.
    public static func read(path: String, limits: AudioLimits) throws(AudioError) -> Waveform {
        try decode(path: path, limits: limits).waveform
    }

    /// Decodes in-memory bytes (an upload); `name` identifies them in errors.
    public static func read(data: Data, name: String, limits: AudioLimits = .default) throws(AudioError) -> Waveform {
        try decode(data: data, name: name, limits: limits).waveform
    }

    /// Decodes the file at `path` and reports the format it was stored in.
    public static func decode(path: String, limits: AudioLimits = .default) throws(AudioError) -> DecodedAudio {
        try SndFileDecoder.decode(FileByteSource(path: path), name: path, limits: limits)
    }

    /// Decodes in-memory bytes and reports the format they were stored in.
    public static func decode(data: Data, name: String, limits: AudioLimits = .default) throws(AudioError) -> DecodedAudio {
        try SndFileDecoder.decode(MemoryByteSource(data), name: name, limits: limits)
    }

    /// Decodes the file at `path` and converts it as `options` say (downmix, resampling) while
    /// reading, holding only the converted samples: the same samples as
    /// `decode(path:).waveform.converted(options)` at a fraction of the memory and time.
    public static func decodeConverted(path: String, options: ConversionOptions, limits: AudioLimits = .default) throws(AudioError) -> DecodedAudio {
        try SndFileDecoder.decodeConverted(FileByteSource(path: path), name: path, limits: limits, options: options)
    }

    /// In-memory bytes decoded and converted as `options` say; `name` identifies them in errors.
    public static func decodeConverted(data: Data, name: String, options: ConversionOptions, limits: AudioLimits = .default) throws(AudioError) -> DecodedAudio {
        try SndFileDecoder.decodeConverted(MemoryByteSource(data), name: name, limits: limits, options: options)
    }

    /// Writes a 16-bit PCM WAV file at `path`, atomically.
    public static func writeWAV16(_ waveform: Waveform, to path: String) throws(AudioError) {
        try write(waveform, to: path, format: .wav16)
    }

    /// Writes `waveform` at `path` in `format`. The file is written under a temporary name in
    /// the same folder and renamed into place, so a failure never leaves a half-written file.
    /// Integer encodings clip out-of-range samples rather than wrapping them.
    public static func write(_ waveform: Waveform, to path: String, format: AudioFileFormat) throws(AudioError) {
        guard waveform.sampleRate > 0, waveform.channelCount > 0,
              waveform.samples.count % waveform.channelCount == 0 else {
            throw .invalidArgument("\(path): cannot write \(waveform.samples.count) samples as \(waveform.channelCount) channels at \(waveform.sampleRate) Hz")
        }
        var info = SF_INFO()
        info.samplerate = Int32(clamping: waveform.sampleRate)
        info.channels = Int32(clamping: waveform.channelCount)
        info.format = format.sndfileFormat
        guard sf_format_check(&info) != 0 else {
            throw .unsupportedFormat(source: path, reason: "libsndfile cannot write \(format) with \(waveform.channelCount) channels at \(waveform.sampleRate) Hz")
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        do throws(AudioError) {
            try writeDirect(waveform, to: temporary, info: &info, clip: format.isInteger, reportedPath: path)
            guard rename(temporary, path) == 0 else {
                throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private static func writeDirect(_ waveform: Waveform, to path: String, info: inout SF_INFO, clip: Bool, reportedPath: String) throws(AudioError) {
        // The handle crosses the lock as an address (OpaquePointer is not Sendable); failures
        // read libsndfile's process-wide error slot, so they stay under the lock.
        let opened: Result<Int, AudioError> = SndFileDecoder.openLock.withLock { _ in
            guard let handle = sf_open(path, Int32(SFM_WRITE), &info) else {
                return .failure(.writeFailed(path: reportedPath, reason: String(cString: sf_strerror(nil))))
            }
            return .success(Int(bitPattern: UnsafeRawPointer(handle)))
        }
        guard let handle = OpaquePointer(bitPattern: try opened.get()) else {
            throw .writeFailed(path: reportedPath, reason: "libsndfile returned no handle")
        }
        if clip { sf_command(handle, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE)) }
        let frames = sf_count_t(waveform.frameCount)
        let written = waveform.samples.withUnsafeBufferPointer { sf_writef_float(handle, $0.baseAddress, frames) }
        let closed = sf_close(handle)
        guard written == frames else {
            throw .writeFailed(path: reportedPath, reason: "wrote \(written) of \(frames) frames")
        }
        guard closed == 0 else { throw .writeFailed(path: reportedPath, reason: String(cString: sf_error_number(closed))) }
    }
}
