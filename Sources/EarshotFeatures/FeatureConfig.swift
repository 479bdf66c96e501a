/// Which features to compute: cepstra (`compute-mfcc-feats`) or log-mel energies
/// (`compute-fbank-feats`).
public enum FeatureKind: String, Codable, Sendable, CaseIterable {
    case mfcc, fbank
}

/// The analysis window applied to each frame, with Kaldi's formulas.
public enum WindowType: String, Codable, Sendable, CaseIterable {
    case povey, hamming, hanning, rectangular, blackman
}

/// Every option of Kaldi's `compute-mfcc-feats` / `compute-fbank-feats` that Earshot supports,
/// with Kaldi's defaults except `dither` (0 here, so features are reproducible by default).
/// Coded with Kaldi's option names in snake case (`num_mel_bins`, `snip_edges`, ...).
public struct FeatureConfig: Sendable, Equatable {
    public var kind: FeatureKind

    /// Kaldi's `sample_frequency`: when set, audio at any other rate is an error (as in
    /// compute-mfcc-feats); when nil, each input's own rate is used.
    public var sampleFrequency: Int?

    // Framing (Kaldi FrameExtractionOptions).
    public var frameLengthMs: Double = 25
    public var frameShiftMs: Double = 10
    /// When true, only frames that fit entirely in the signal; when false, frames centred every
    /// shift with the edges reflected, giving about `samples / shift` frames.
    public var snipEdges = true
    public var removeDCOffset = true
    public var preemphasisCoefficient: Float = 0.97
    public var windowType: WindowType = .povey
    public var roundToPowerOfTwo = true
    public var blackmanCoefficient: Float = 0.42
    /// Standard deviation of Gaussian noise added to each sample (in 16-bit units); 0 = off.
    public var dither: Float = 0
    /// Seed of the dither noise, so dithered features are reproducible too.
    public var ditherSeed: UInt64 = 0

    // Mel filterbank (Kaldi MelBanksOptions).
    public var numMelBins: Int
    public var lowFreq: Float = 20
    /// Upper edge in Hz; 0 means the Nyquist frequency, a negative value an offset below it.
    public var highFreq: Float = 0
    /// Kaldi's vocal-tract-length warp of the filterbank's frequency axis (1 = none): the
    /// filters' edges move by the piecewise-linear map of `MelFilterbank.vtlnWarp`. Training
    /// draws a factor per utterance (VTLP) so the network hears more vocal-tract lengths.
    public var vtlnWarp: Float = 1
    /// Below this frequency (Hz) the warp bends to keep `lowFreq` fixed.
    public var vtlnLow: Float = 100
    /// Above this frequency the warp bends to keep `highFreq` fixed; negative = below Nyquist.
    public var vtlnHigh: Float = -500

    // Energy.
    /// MFCC: replace c0 by the log frame energy. Fbank: prepend the log energy as column 0.
    public var useEnergy: Bool
    /// Measure the energy before pre-emphasis and windowing (Kaldi's default).
    public var rawEnergy = true
    /// Floor on the energy (absolute, not log); 0 = no floor.
    public var energyFloor: Float = 0
    /// HTK's column order: the energy (or MFCC c0, scaled by √2 when there is no energy) goes
    /// last instead of first.
    public var htkCompat = false

    // MFCC only.
    public var numCeps = 13
    public var cepstralLifter: Float = 22

    // Fbank only.
    public var useLogFbank = true
    /// Power spectrum when true, magnitude spectrum when false.
    public var usePower = true

    /// Kaldi's defaults for `kind`: 23 mel bins and energy for MFCC, 80 bins without energy for
    /// filterbanks.
    public init(kind: FeatureKind) {
        self.kind = kind
        switch kind {
        case .mfcc:
            numMelBins = 23
            useEnergy = true
        case .fbank:
            numMelBins = 80
            useEnergy = false
        }
    }

    public static var mfcc: FeatureConfig { FeatureConfig(kind: .mfcc) }
    public static var fbank: FeatureConfig { FeatureConfig(kind: .fbank) }

    /// Columns per frame.
    public var dimension: Int {
        switch kind {
        case .mfcc: numCeps
        case .fbank: numMelBins + (useEnergy ? 1 : 0)
        }
    }
}
