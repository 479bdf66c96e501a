import CSampleRate

/// libsamplerate's converters, best first.
public enum ResamplerQuality: String, Sendable, CaseIterable, Codable {
    case best, medium, fastest, linear
    case zeroOrderHold = "zoh"

    var converter: Int32 {
        switch self {
        case .best: Int32(SRC_SINC_BEST_QUALITY)
        case .medium: Int32(SRC_SINC_MEDIUM_QUALITY)
        case .fastest: Int32(SRC_SINC_FASTEST)
        case .linear: Int32(SRC_LINEAR)
        case .zeroOrderHold: Int32(SRC_ZERO_ORDER_HOLD)
        }
    }
}

/// Sample-rate conversion with libsamplerate, all channels at once.
public enum Resampler {
    /// Speech recognizers (and Earshot's features) expect 16 kHz.
    public static let defaultRate = 16_000

    public static func resample(_ waveform: Waveform, to rate: Int, quality: ResamplerQuality = .best) throws(AudioError) -> Waveform {
        guard waveform.sampleRate > 0, waveform.channelCount > 0 else {
            throw .invalidArgument("cannot resample audio with \(waveform.channelCount) channels at \(waveform.sampleRate) Hz")
        }
        guard rate != waveform.sampleRate else { return waveform }
        let ratio = Double(rate) / Double(waveform.sampleRate)
        guard rate > 0, src_is_valid_ratio(ratio) != 0 else {
            throw .invalidArgument("cannot resample from \(waveform.sampleRate) Hz to \(rate) Hz: libsamplerate converts by at most a factor of 256")
        }
        let frames = waveform.frameCount
        guard frames > 0 else { return Waveform(samples: [], sampleRate: rate, channelCount: waveform.channelCount) }
        let capacity = Int((Double(frames) * ratio).rounded(.up)) + 1
        var output = [Float](repeating: 0, count: capacity * waveform.channelCount)
        var generated = 0
        let status = waveform.samples.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                var job = SRC_DATA()
                job.data_in = input.baseAddress
                job.data_out = out.baseAddress
                job.input_frames = frames
                job.output_frames = capacity
                job.end_of_input = 1
                job.src_ratio = ratio
                let status = src_simple(&job, quality.converter, Int32(waveform.channelCount))
                generated = job.output_frames_gen
                return status
            }
        }
        guard status == 0 else {
            throw .invalidArgument("resampling to \(rate) Hz failed: \(String(cString: src_strerror(status)))")
        }
        output.removeLast(output.count - generated * waveform.channelCount)
        return Waveform(samples: output, sampleRate: rate, channelCount: waveform.channelCount)
    }
}

extension Waveform {
    /// This audio at `rate` (16 kHz by default), converted by libsamplerate.
    public func resampled(to rate: Int = Resampler.defaultRate, quality: ResamplerQuality = .best) throws(AudioError) -> Waveform {
        try Resampler.resample(self, to: rate, quality: quality)
    }
}

/// What `earshot audio convert` does to each file: optional downmix, then resampling.
public struct ConversionOptions: Sendable, Equatable {
    public var sampleRate: Int
    /// Average the channels into one before resampling (half the work for stereo).
    public var downmixToMono: Bool
    public var quality: ResamplerQuality

    public init(sampleRate: Int = Resampler.defaultRate, downmixToMono: Bool = true, quality: ResamplerQuality = .best) {
        self.sampleRate = sampleRate
        self.downmixToMono = downmixToMono
        self.quality = quality
    }
}

extension Waveform {
    /// This audio downmixed (if asked) and resampled as `options` say.
    public func converted(_ options: ConversionOptions) throws(AudioError) -> Waveform {
        try (options.downmixToMono ? mono() : self).resampled(to: options.sampleRate, quality: options.quality)
    }
}
