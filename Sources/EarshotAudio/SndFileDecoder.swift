import CSndFile
import EarshotCore
import Foundation
import Synchronization

/// Decodes any format libsndfile reads from a `ByteSource`, within `AudioLimits`.
enum SndFileDecoder {
    /// libsndfile reports open failures through one process-wide slot (`sf_error(NULL)`);
    /// opening under a lock keeps each failure's message with its own file.
    static let openLock = Mutex(())

    /// Frames read per libsndfile call: bounded memory for the read buffer at any channel count.
    private static let chunkSamples = 1 << 16

    static func decode(_ source: any ByteSource, name: String, limits: AudioLimits) throws(AudioError) -> DecodedAudio {
        try withOpenStream(source, name: name, limits: limits) { handle, info throws(AudioError) in
            let channels = Int(info.channels)
            // Reserve what the header declares, but never more than a generous bound from the
            // byte count: a compressed stream's header can lie, real samples cannot.
            let declared = info.frames == sf_count_t.max ? Int.max : Int(info.frames) * channels
            let bytesBound = source.length > Int64(Int.max / 16) ? Int.max : Int(source.length) * 16
            var samples = [Float]()
            samples.reserveCapacity(min(declared, bytesBound))
            try readChunks(handle, info: info, limits: limits, name: name) { chunk throws(AudioError) in
                samples.append(contentsOf: chunk)
            }
            let waveform = Waveform(samples: samples, sampleRate: Int(info.samplerate), channelCount: channels)
            return DecodedAudio(waveform: waveform, formatName: formatName(info.format))
        }
    }

    /// Decodes and converts as `options` say while reading: each decoded chunk is downmixed and
    /// resampled at once, so only the converted audio is ever held (a tenth of a 44.1 kHz
    /// stereo recording's decoded size at 16 kHz mono). The samples equal
    /// `decode(...).waveform.converted(options)`.
    static func decodeConverted(_ source: any ByteSource, name: String, limits: AudioLimits,
                                options: ConversionOptions) throws(AudioError) -> DecodedAudio {
        try withOpenStream(source, name: name, limits: limits) { handle, info throws(AudioError) in
            let rate = Int(info.samplerate)
            let channels = options.downmixToMono ? 1 : Int(info.channels)
            let conversion = SampleRateConversion(from: rate, to: options.sampleRate, channels: channels, quality: options.quality)
            try Resampler.checkConversion(from: rate, to: options.sampleRate, channels: channels,
                                          inputSamples: info.frames == sf_count_t.max ? 0 : Int(info.frames) * channels)
            let stream = rate == options.sampleRate ? nil : try ResamplingStream(conversion)
            var output = [Float]()
            if info.frames != sf_count_t.max, Int(info.frames) <= limits.maxSamples {
                output.reserveCapacity((Int(Double(info.frames) * conversion.ratio) + 1) * channels)
            }
            func deliver(_ piece: UnsafeBufferPointer<Float>) throws(AudioError) {
                if let stream { try stream.push(piece, into: &output) } else { output.append(contentsOf: piece) }
                // A stream of unknown length, upsampled, is held to the same limit as decoding.
                guard output.count <= limits.maxSamples else {
                    throw .tooLarge(source: name, reason: "converts to more than \(limits.maxSamples) samples at \(options.sampleRate) Hz")
                }
            }
            // Everything after a chunk is decoded is conversion: its CPU time is counted apart.
            var conversionSeconds = 0.0
            var mixed = [Float]()
            try readChunks(handle, info: info, limits: limits, name: name) { chunk throws(AudioError) in
                let started = ThreadCPUTime.seconds()
                defer { conversionSeconds += ThreadCPUTime.seconds() - started }
                guard options.downmixToMono, info.channels > 1 else { return try deliver(chunk) }
                Waveform.downmix(chunk, channels: Int(info.channels), into: &mixed)
                try mixed.withUnsafeBufferPointer { piece throws(AudioError) in try deliver(piece) }
            }
            let flushStarted = ThreadCPUTime.seconds()
            try stream?.finish(into: &output)
            conversionSeconds += ThreadCPUTime.seconds() - flushStarted
            let waveform = Waveform(samples: output, sampleRate: options.sampleRate, channelCount: channels)
            return DecodedAudio(waveform: waveform, formatName: formatName(info.format), conversionCPUSeconds: conversionSeconds)
        }
    }

    /// Opens `source`, checks its header against `limits` and hands the open stream to `body`.
    private static func withOpenStream<T>(_ source: any ByteSource, name: String, limits: AudioLimits,
                                          _ body: (OpaquePointer, SF_INFO) throws(AudioError) -> T) throws(AudioError) -> T {
        guard source.length > 0 else { throw .empty(source: name) }
        let cursor = VirtualCursor(source: source)
        var info = SF_INFO()
        let handle = try open(cursor, info: &info, name: name)
        // libsndfile holds an unretained pointer to the cursor: keep it alive until closed.
        defer { withExtendedLifetime(cursor) { _ = sf_close(handle) } }
        return try withExtendedLifetime(cursor) { () throws(AudioError) -> T in
            let channels = Int(info.channels)
            guard channels > 0 else { throw .corrupt(source: name, reason: "header declares \(info.channels) channels") }
            guard info.frames > 0 else { throw .empty(source: name) }
            let lengthKnown = info.frames != sf_count_t.max
            if !lengthKnown, info.format & Int32(SF_FORMAT_TYPEMASK) == Int32(SF_FORMAT_OGG) {
                // libsndfile finds an Ogg stream's length on its last page; a seekable
                // source without one has been cut short.
                throw .corrupt(source: name, reason: "truncated: no final Ogg page, the stream's length is unknown")
            }
            try limits.check(frames: lengthKnown ? info.frames : 0, channels: channels, sampleRate: Int(info.samplerate), source: name)
            try checkDeclaredSize(source, info: info, limits: limits, name: name)
            return try body(handle, info)
        }
    }

    private static func open(_ cursor: VirtualCursor, info: inout SF_INFO, name: String) throws(AudioError) -> OpaquePointer {
        let context = Unmanaged.passUnretained(cursor).toOpaque()
        // The handle crosses the lock as an address: OpaquePointer is not Sendable.
        let result: Result<Int, AudioError> = openLock.withLock { _ in
            var callbacks = VirtualCursor.callbacks
            if let handle = sf_open_virtual(&callbacks, Int32(SFM_READ), &info, context) {
                return .success(Int(bitPattern: UnsafeRawPointer(handle)))
            }
            let message = String(cString: sf_strerror(nil))
            switch Int(sf_error(nil)) {
            case SF_ERR_UNRECOGNISED_FORMAT:
                return .failure(.unsupportedFormat(source: name, reason: "not a format libsndfile recognises"))
            case SF_ERR_UNSUPPORTED_ENCODING:
                return .failure(.unsupportedFormat(source: name, reason: message))
            case SF_ERR_SYSTEM:
                return .failure(.unreadable(source: name, reason: message))
            default:
                return .failure(.corrupt(source: name, reason: message))
            }
        }
        guard let handle = OpaquePointer(bitPattern: try result.get()) else {
            throw .unreadable(source: name, reason: "libsndfile returned no handle")
        }
        return handle
    }

    /// A WAV/AIFF data chunk larger than the file: an absurd header or a truncated file.
    private static func checkDeclaredSize(_ source: any ByteSource, info: SF_INFO, limits: AudioLimits, name: String) throws(AudioError) {
        guard let shortfall = ContainerCheck.shortfall(in: source) else { return }
        if let bytesPerSample = bytesPerSample(info.format) {
            let declaredFrames = shortfall.declaredBytes / Int64(bytesPerSample * Int(info.channels))
            try limits.check(frames: declaredFrames, channels: Int(info.channels), sampleRate: Int(info.samplerate), source: name)
        }
        throw .corrupt(source: name, reason: "truncated: header declares \(shortfall.declaredBytes) bytes of audio data, the file holds \(shortfall.availableBytes)")
    }

    /// Reads every frame in chunks of interleaved samples, within `limits`, and checks that as
    /// many frames came out as the header declared.
    private static func readChunks(_ handle: OpaquePointer, info: SF_INFO, limits: AudioLimits, name: String,
                                   _ body: (UnsafeBufferPointer<Float>) throws(AudioError) -> Void) throws(AudioError) {
        let channels = Int(info.channels)
        let chunkFrames = max(1, chunkSamples / channels)
        var chunk = [Float](repeating: 0, count: chunkFrames * channels)
        var decodedFrames = 0
        while true {
            let got = Int(chunk.withUnsafeMutableBufferPointer { sf_readf_float(handle, $0.baseAddress, sf_count_t(chunkFrames)) })
            guard got > 0 else { break }
            guard (decodedFrames + got) * channels <= limits.maxSamples else {
                throw .tooLarge(source: name, reason: "decodes to more than \(limits.maxSamples) samples")
            }
            decodedFrames += got
            try chunk.withUnsafeBufferPointer { all throws(AudioError) in
                try body(UnsafeBufferPointer(rebasing: all[0..<(got * channels)]))
            }
        }
        if sf_error(handle) != 0 {
            throw .corrupt(source: name, reason: String(cString: sf_strerror(handle)))
        }
        guard decodedFrames > 0 else { throw .corrupt(source: name, reason: "no frames could be decoded") }
        // MPEG frame counts are estimates; every other format's count is exact.
        if info.frames != sf_count_t.max, decodedFrames < Int(info.frames), info.format & Int32(SF_FORMAT_TYPEMASK) != Int32(SF_FORMAT_MPEG) {
            throw .corrupt(source: name, reason: "truncated: header declares \(info.frames) frames, only \(decodedFrames) could be decoded")
        }
    }

    private static func bytesPerSample(_ format: Int32) -> Int? {
        switch Int(format & Int32(SF_FORMAT_SUBMASK)) {
        case Int(SF_FORMAT_PCM_S8), Int(SF_FORMAT_PCM_U8), Int(SF_FORMAT_ULAW), Int(SF_FORMAT_ALAW): 1
        case Int(SF_FORMAT_PCM_16): 2
        case Int(SF_FORMAT_PCM_24): 3
        case Int(SF_FORMAT_PCM_32), Int(SF_FORMAT_FLOAT): 4
        case Int(SF_FORMAT_DOUBLE): 8
        default: nil
        }
    }

    /// libsndfile's own names, e.g. "WAV (Microsoft), Signed 16 bit PCM".
    static func formatName(_ format: Int32) -> String {
        func name(_ code: Int32, _ command: Int32) -> String? {
            var formatInfo = SF_FORMAT_INFO()
            formatInfo.format = code
            guard sf_command(nil, command, &formatInfo, Int32(MemoryLayout<SF_FORMAT_INFO>.size)) == 0,
                  let cName = formatInfo.name else { return nil }
            return String(cString: cName)
        }
        let major = name(format & Int32(SF_FORMAT_TYPEMASK), Int32(SFC_GET_FORMAT_INFO))
        let subtype = name(format & Int32(SF_FORMAT_SUBMASK), Int32(SFC_GET_FORMAT_INFO))
        return [major, subtype].compactMap { $0 }.joined(separator: ", ")
    }
}
