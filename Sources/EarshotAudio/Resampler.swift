import Foundation
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

/// Sample-rate conversion with libsamplerate, all channels at once. Long inputs are cut into
/// segments converted on all cores and joined sample-exactly (see `ResamplerSegments`).
public enum Resampler {
    /// Speech recognizers (and Earshot's features) expect 16 kHz.
    public static let defaultRate = 16_000

    public static func resample(_ waveform: Waveform, to rate: Int, quality: ResamplerQuality = .best) throws(AudioError) -> Waveform {
        try resample(waveform, to: rate, quality: quality, workers: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// `workers` segments at most are converted at once; 1 converts in one pass.
    static func resample(_ waveform: Waveform, to rate: Int, quality: ResamplerQuality, workers: Int,
                         minimumSegmentFrames: Int = ResamplerSegments.minimumSegmentFrames) throws(AudioError) -> Waveform {
        guard waveform.sampleRate > 0, waveform.channelCount > 0, waveform.channelCount <= Int(Int32.max) else {
            throw .invalidArgument("cannot resample audio with \(waveform.channelCount) channels at \(waveform.sampleRate) Hz")
        }
        guard rate != waveform.sampleRate else { return waveform }
        guard rate > 0, src_is_valid_ratio(Double(rate) / Double(waveform.sampleRate)) != 0 else {
            throw .invalidArgument("cannot resample from \(waveform.sampleRate) Hz to \(rate) Hz: libsamplerate converts by at most a factor of 256")
        }
        // Upsampling a long recording 256-fold would ask for terabytes: hold the output to the
        // same sample limit as decoding.
        let outputSamples = Double(waveform.samples.count) * Double(rate) / Double(waveform.sampleRate)
        guard outputSamples <= Double(AudioLimits.default.maxSamples) else {
            throw .invalidArgument("resampling \(waveform.frameCount) frames to \(rate) Hz would make \(Int(outputSamples)) samples; the limit is \(AudioLimits.default.maxSamples)")
        }
        let conversion = SampleRateConversion(from: waveform.sampleRate, to: rate, channels: waveform.channelCount, quality: quality)
        let samples: [Float]
        if let plan = ResamplerSegments(frames: waveform.frameCount, conversion: conversion, workers: workers,
                                        minimumSegmentFrames: minimumSegmentFrames) {
            samples = try plan.run(waveform.samples)
        } else {
            samples = try waveform.samples.withUnsafeBufferPointer { input throws(AudioError) in
                try conversion.convert(input, drop: 0, keep: nil)
            }
        }
        return Waveform(samples: samples, sampleRate: rate, channelCount: waveform.channelCount)
    }
}

/// One libsamplerate conversion: rates, channels and converter.
struct SampleRateConversion: Sendable {
    var from: Int
    var to: Int
    var channels: Int
    var quality: ResamplerQuality

    var ratio: Double { Double(to) / Double(from) }

    /// Converts interleaved `input` to the end (flushing the filter), drops the first `drop`
    /// output frames and keeps `keep` frames after them (all when nil).
    func convert(_ input: UnsafeBufferPointer<Float>, drop: Int, keep: Int?) throws(AudioError) -> [Float] {
        let frames = input.count / channels
        guard frames > 0 else { return [] }
        let capacity = Int((Double(frames) * ratio).rounded(.up)) + 1
        var output = [Float](repeating: 0, count: capacity * channels)
        var generated = 0
        let status = output.withUnsafeMutableBufferPointer { out in
            var job = SRC_DATA()
            job.data_in = input.baseAddress
            job.data_out = out.baseAddress
            job.input_frames = frames
            job.output_frames = capacity
            job.end_of_input = 1
            job.src_ratio = ratio
            let status = src_simple(&job, quality.converter, Int32(channels))
            generated = job.output_frames_gen
            return status
        }
        guard status == 0 else {
            throw .invalidArgument("resampling to \(to) Hz failed: \(String(cString: src_strerror(status)))")
        }
        let start = min(drop, generated)
        let end = keep.map { min(start + $0, generated) } ?? generated
        return Array(output[(start * channels)..<(end * channels)])
    }
}

extension Waveform {
    /// This audio at `rate` (16 kHz by default), converted by libsamplerate.
    public func resampled(to rate: Int = Resampler.defaultRate, quality: ResamplerQuality = .best) throws(AudioError) -> Waveform {
        try Resampler.resample(self, to: rate, quality: quality)
    }
}
