import Foundation
import CSoxr

/// The SoX resampler's quality presets (libsoxr), best first; the names are sox's `rate` options.
public enum ResamplerQuality: String, Sendable, CaseIterable, Codable {
    /// 28-bit precision, 95 % of the band kept: sox `rate -v`.
    case veryHigh = "vhq"
    /// 20-bit precision, 91.3 % of the band: sox `rate -h`, sox's default.
    case high = "hq"
    /// 16-bit precision, medium roll-off: sox `rate -m`.
    case medium = "mq"
    /// 16-bit precision, larger roll-off: sox `rate -l`.
    case low = "lq"
    /// Cubic interpolation, no anti-alias filter: sox `rate -q`.
    case quick

    var recipe: UInt {
        switch self {
        case .veryHigh: UInt(SOXR_28_BITQ)
        case .high: UInt(SOXR_20_BITQ)
        case .medium: UInt(SOXR_MQ)
        case .low: UInt(SOXR_LQ)
        case .quick: UInt(SOXR_QQ)
        }
    }
}

/// Sample-rate conversion with libsoxr, all channels at once, on the calling thread. The same
/// input and preset give the same samples on every machine (no segmenting by core count).
public enum Resampler {
    /// Speech recognizers (and Earshot's features) expect 16 kHz.
    public static let defaultRate = 16_000
    /// libsoxr converts by any ratio; Earshot keeps to 1/256...256, which covers every real
    /// pair of audio rates and bounds the work one request can ask for.
    public static let maximumRatio = 256.0

    public static func resample(_ waveform: Waveform, to rate: Int, quality: ResamplerQuality = .high) throws(AudioError) -> Waveform {
        try checkConversion(from: waveform.sampleRate, to: rate, channels: waveform.channelCount, inputSamples: waveform.samples.count)
        guard rate != waveform.sampleRate else { return waveform }
        let conversion = SampleRateConversion(from: waveform.sampleRate, to: rate, channels: waveform.channelCount, quality: quality)
        return Waveform(samples: try conversion.convert(waveform.samples), sampleRate: rate, channelCount: waveform.channelCount)
    }

    /// Throws unless `inputSamples` samples of `channels` channels can go from `from` Hz to `to` Hz.
    static func checkConversion(from: Int, to rate: Int, channels: Int, inputSamples: Int) throws(AudioError) {
        guard from > 0, channels > 0, channels <= 256 else {
            throw .invalidArgument("cannot resample audio with \(channels) channels at \(from) Hz")
        }
        guard rate != from else { return }
        let ratio = Double(rate) / Double(from)
        guard rate > 0, ratio <= maximumRatio, ratio >= 1 / maximumRatio else {
            throw .invalidArgument("cannot resample from \(from) Hz to \(rate) Hz: Earshot converts by at most a factor of \(Int(maximumRatio))")
        }
        // Upsampling a long recording 256-fold would ask for terabytes: hold the output to the
        // same sample limit as decoding.
        let outputSamples = Double(inputSamples) * ratio
        guard outputSamples <= Double(AudioLimits.default.maxSamples) else {
            throw .invalidArgument("resampling \(inputSamples / channels) frames to \(rate) Hz would make \(Int(outputSamples)) samples; the limit is \(AudioLimits.default.maxSamples)")
        }
    }
}

/// One libsoxr conversion: rates, channels and preset.
struct SampleRateConversion: Sendable {
    var from: Int
    var to: Int
    var channels: Int
    var quality: ResamplerQuality

    var ratio: Double { Double(to) / Double(from) }

    /// Frames handed to libsoxr at a time, whatever the source: the same input gives the
    /// same output from memory and from a file decoded on the fly.
    static let pieceFrames = 1 << 14

    /// Converts interleaved `samples` to the end, flushing the filter.
    func convert(_ samples: [Float]) throws(AudioError) -> [Float] {
        let frames = samples.count / channels
        guard frames > 0 else { return [] }
        var output = [Float]()
        output.reserveCapacity((Int((Double(frames) * ratio).rounded(.up)) + 1) * channels)
        var stream = try ResamplingStream(self)
        try samples.withUnsafeBufferPointer { all throws(AudioError) in
            for start in stride(from: 0, to: frames, by: Self.pieceFrames) {
                let end = min(start + Self.pieceFrames, frames)
                try stream.push(UnsafeBufferPointer(rebasing: all[(start * channels)..<(end * channels)]), into: &output)
            }
        }
        try stream.finish(into: &output)
        return output
    }
}

extension Waveform {
    /// This audio at `rate` (16 kHz by default), converted by libsoxr.
    public func resampled(to rate: Int = Resampler.defaultRate, quality: ResamplerQuality = .high) throws(AudioError) -> Waveform {
        try Resampler.resample(self, to: rate, quality: quality)
    }
}
