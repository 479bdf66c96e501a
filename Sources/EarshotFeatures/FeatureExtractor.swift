import CFFTW
import EarshotCore
import Foundation

/// Computes MFCC or log-mel filterbank features with Kaldi's semantics for one sample rate.
/// Immutable and `Sendable`: tables are built once here, scratch memory is per call, and the
/// FFT plan is shared, so one extractor can serve many threads at once.
public struct FeatureExtractor: Sendable {
    /// Kaldi reads 16-bit samples as integers; Earshot's samples are in [-1, 1].
    public static let int16Scale: Float = 32768

    public let config: FeatureConfig
    public let sampleRate: Int
    public let geometry: FrameGeometry
    public let window: [Float]
    public let melFilters: MelFilterbank
    /// The liftered DCT (MFCC only).
    public let cepstra: CepstralTransform?
    let kernel: FrameKernel

    public init(config: FeatureConfig, sampleRate: Int) throws(FeatureError) {
        try config.validate()
        if let expected = config.sampleFrequency, expected != sampleRate {
            throw .sampleRateMismatch(source: "audio", expected: expected, actual: sampleRate)
        }
        let geometry = try FrameGeometry(config: config, sampleRate: sampleRate)
        guard config.numMelBins <= geometry.binCount else {
            throw .invalidOption(field: "num_mel_bins", reason: "\(config.numMelBins) bins exceed the \(geometry.binCount) FFT bins")
        }
        self.config = config
        self.sampleRate = sampleRate
        self.geometry = geometry
        window = config.windowType.coefficients(length: geometry.windowSize,
                                                blackmanCoefficient: Double(config.blackmanCoefficient))
        melFilters = try MelFilterbank(filterCount: config.numMelBins, paddedSize: geometry.paddedSize,
                                       sampleRate: sampleRate, lowFreq: config.lowFreq, highFreq: config.highFreq,
                                       vtln: config.vtlnWarp == 1 ? nil
                                           : .init(factor: config.vtlnWarp, low: config.vtlnLow, high: config.vtlnHigh))
        cepstra = config.kind == .mfcc
            ? try CepstralTransform(cepstrumCount: config.numCeps, filterCount: config.numMelBins, lifter: config.cepstralLifter)
            : nil
        kernel = FrameKernel(config: config, geometry: geometry, window: window, melFilters: melFilters,
                             cepstra: cepstra, plan: RealFFTPlanCache.shared.plan(size: geometry.paddedSize))
    }

    /// Columns per frame.
    public var dimension: Int { config.dimension }

    /// Features of mono samples in [-1, 1] at `sampleRate`. Audio shorter than one frame gives
    /// zero frames; a NaN or infinite sample is an error naming `source`.
    public func compute(_ samples: UnsafeBufferPointer<Float>, source: String = "samples") throws(FeatureError) -> FrameMatrix {
        if let bad = Self.firstNonFinite(samples) { throw .nonFiniteSample(source: source, index: bad) }
        var matrix = FrameMatrix(zeros: geometry.frameCount(sampleCount: samples.count), dimensions: dimension)
        guard matrix.frames > 0 else { return matrix }
        let scratch = FrameScratch(geometry: geometry, filterCount: config.numMelBins)
        var noise = GaussianNoise(seed: config.ditherSeed)
        let (kernel, geometry, dimension, frames) = (kernel, geometry, dimension, matrix.frames)
        matrix.withUnsafeMutableValues { output in
            for frame in 0..<frames {
                kernel.compute(start: geometry.firstSample(ofFrame: frame), samples: samples, scratch: scratch,
                               noise: &noise, output: output.baseAddress! + frame * dimension)
            }
        }
        return matrix
    }

    public func compute(_ samples: [Float], source: String = "samples") throws(FeatureError) -> FrameMatrix {
        try samples.withUnsafeBufferPointer { (buffer) throws(FeatureError) in try compute(buffer, source: source) }
    }

    /// Index of the first NaN or infinity, if any; a vectorizable sweep (x·0 is NaN exactly
    /// when x is not finite), then a scalar search only when it found one.
    static func firstNonFinite(_ samples: UnsafeBufferPointer<Float>) -> Int? {
        guard let base = samples.baseAddress else { return nil }
        var probe = SIMD8<Float>()
        let whole = samples.count & ~7
        var i = 0
        while i < whole {
            probe += UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self) * 0
            i += 8
        }
        var tail: Float = 0
        while i < samples.count { tail += base[i] * 0; i += 1 }
        if (probe.sum() + tail).isFinite { return nil }
        return samples.firstIndex { !$0.isFinite }
    }
}
