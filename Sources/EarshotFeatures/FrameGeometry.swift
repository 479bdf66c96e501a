/// Where frames fall in a signal, with Kaldi's rules (feature-window.cc): sizes truncated to
/// whole samples, FFT size rounded up to a power of two, and the two edge modes.
public struct FrameGeometry: Sendable, Equatable {
    public let windowSize: Int
    public let windowShift: Int
    public let paddedSize: Int
    public let snipEdges: Bool

    public init(config: FeatureConfig, sampleRate: Int) throws(FeatureError) {
        guard sampleRate > 0 else { throw .invalidOption(field: "sample_frequency", reason: "must be positive, got \(sampleRate)") }
        guard config.frameLengthMs.isFinite, config.frameShiftMs.isFinite else {
            throw .invalidOption(field: "frame_length_ms", reason: "frame length and shift must be finite")
        }
        let size = Double(sampleRate) * 0.001 * config.frameLengthMs
        let shift = Double(sampleRate) * 0.001 * config.frameShiftMs
        guard size >= 2, size < 16_777_216 else {
            throw .invalidOption(field: "frame_length_ms", reason: "\(config.frameLengthMs) ms is \(Int(max(0, min(size, 1e9)))) samples at \(sampleRate) Hz; need 2 to 16777215")
        }
        guard shift >= 1, shift < 16_777_216 else {
            throw .invalidOption(field: "frame_shift_ms", reason: "\(config.frameShiftMs) ms is less than one sample (or absurdly long) at \(sampleRate) Hz")
        }
        windowSize = Int(size)
        windowShift = Int(shift)
        paddedSize = config.roundToPowerOfTwo ? Self.nextPowerOfTwo(windowSize) : windowSize
        snipEdges = config.snipEdges
    }

    /// Number of frames for `sampleCount` samples (Kaldi's NumFrames with flush).
    public func frameCount(sampleCount: Int) -> Int {
        if snipEdges {
            return sampleCount < windowSize ? 0 : 1 + (sampleCount - windowSize) / windowShift
        }
        return (sampleCount + windowShift / 2) / windowShift
    }

    /// Index of the first sample of `frame`; negative at the start when edges are not snipped.
    public func firstSample(ofFrame frame: Int) -> Int {
        snipEdges ? frame * windowShift : frame * windowShift + windowShift / 2 - windowSize / 2
    }

    /// Number of FFT bins Kaldi's mel banks read (the Nyquist bin is not among them).
    public var binCount: Int { paddedSize / 2 }

    static func nextPowerOfTwo(_ n: Int) -> Int {
        var p = 1
        while p < n { p <<= 1 }
        return p
    }
}
