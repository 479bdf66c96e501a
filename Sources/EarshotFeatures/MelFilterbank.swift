import Foundation

/// Triangular mel filters on the FFT bins, stored sparsely: each filter is a contiguous run of
/// nonzero weights starting at `firstBin[m]`, so applying them costs about two multiply-adds
/// per FFT bin instead of bins × filters.
public struct MelFilterbank: Sendable, Equatable {
    public let filterCount: Int
    /// First FFT bin of each filter.
    public let firstBin: [Int]
    /// Offset of each filter's run in `weights`; `weightOffset[filterCount]` is the total.
    public let weightOffset: [Int]
    public let weights: [Float]

    /// Kaldi's mel scale: 1127 ln(1 + f / 700).
    public static func mel(_ hertz: Double) -> Double { 1127 * log(1 + hertz / 700) }
    public static func hertz(_ mel: Double) -> Double { 700 * (exp(mel / 1127) - 1) }

    /// Kaldi's vocal-tract-length warp: a factor and the two frequencies (Hz; `high` negative =
    /// below Nyquist) where the piecewise-linear map bends to keep the band's edges fixed.
    public struct VTLN: Sendable, Equatable {
        public var factor: Float
        public var low: Float
        public var high: Float
        public init(factor: Float, low: Float = 100, high: Float = -500) {
            self.factor = factor
            self.low = low
            self.high = high
        }
    }

    /// Kaldi's VTLN map of a frequency in [lowFreq, highFreq]: scaled by 1 / factor in the
    /// middle, with linear pieces below `l` = low × max(1, factor) and above `h` = high ×
    /// min(1, factor) that pin lowFreq and highFreq, so no energy leaves the band.
    public static func vtlnWarp(_ hertz: Double, factor: Double, low: Double, high: Double, lowFreq: Double, highFreq: Double) -> Double {
        guard hertz >= lowFreq, hertz <= highFreq else { return hertz }
        let l = low * max(1, factor), h = high * min(1, factor)
        let scale = 1 / factor
        if hertz < l { return lowFreq + (scale * l - lowFreq) / (l - lowFreq) * (hertz - lowFreq) }
        if hertz < h { return scale * hertz }
        return highFreq + (highFreq - scale * h) / (highFreq - h) * (hertz - highFreq)
    }

    /// Filters evenly spaced in mel between `lowFreq` and `highFreq` (0 = Nyquist, negative =
    /// below Nyquist), over `paddedSize / 2` FFT bins, as Kaldi's MelBanks; with `vtln`, each
    /// filter's edges and centre are warped as Kaldi's `--vtln-warp` does.
    public init(
        filterCount: Int, paddedSize: Int, sampleRate: Int, lowFreq: Float, highFreq: Float, vtln: VTLN? = nil
    ) throws(FeatureError) {
        guard filterCount >= 3 else { throw .invalidOption(field: "num_mel_bins", reason: "need at least 3 mel bins, got \(filterCount)") }
        let nyquist = 0.5 * Double(sampleRate)
        let low = Double(lowFreq)
        let high = highFreq > 0 ? Double(highFreq) : nyquist + Double(highFreq)
        guard low >= 0, low < nyquist, high > 0, high <= nyquist, high > low, low.isFinite, high.isFinite else {
            throw .invalidOption(field: "low_freq/high_freq",
                                 reason: "need 0 <= low < high <= Nyquist (\(nyquist) Hz); got low \(lowFreq), high \(high)")
        }
        let binCount = paddedSize / 2
        let binWidth = Double(sampleRate) / Double(paddedSize)
        let melLow = Self.mel(low), melHigh = Self.mel(high)
        let delta = (melHigh - melLow) / Double(filterCount + 1)
        var warpMel: (Double) -> Double = { $0 }
        if let vtln {
            let vtlnLow = Double(vtln.low)
            let vtlnHigh = vtln.high < 0 ? nyquist + Double(vtln.high) : Double(vtln.high)
            guard vtln.factor.isFinite, vtln.factor > 0, vtlnLow > low, vtlnLow < high, vtlnHigh > vtlnLow, vtlnHigh < high else {
                throw .invalidOption(field: "vtln_low/vtln_high",
                                     reason: "need low_freq < vtln_low < vtln_high < high_freq; got \(vtlnLow), \(vtlnHigh) in \(low)...\(high) Hz")
            }
            let factor = Double(vtln.factor)
            warpMel = { mel in
                Self.mel(Self.vtlnWarp(Self.hertz(mel), factor: factor, low: vtlnLow, high: vtlnHigh, lowFreq: low, highFreq: high))
            }
        }
        var firstBin = [Int](), weightOffset = [0], weights = [Float]()
        firstBin.reserveCapacity(filterCount)
        for m in 0..<filterCount {
            let evenLeft = melLow + Double(m) * delta
            let evenCenter = evenLeft + delta
            let left = warpMel(evenLeft), center = warpMel(evenCenter), right = warpMel(evenCenter + delta)
            var first = -1
            for bin in 0..<binCount {
                let mel = Self.mel(binWidth * Double(bin))
                guard mel > left, mel < right else { continue }
                let weight = mel <= center ? (mel - left) / (center - left) : (right - mel) / (right - center)
                if first < 0 { first = bin }
                weights.append(Float(weight))
            }
            guard first >= 0 else {
                throw .invalidOption(field: "num_mel_bins",
                                     reason: "\(filterCount) bins leave filter \(m) without any FFT bin at FFT size \(paddedSize); use fewer bins")
            }
            firstBin.append(first)
            weightOffset.append(weights.count)
        }
        self.filterCount = filterCount
        self.firstBin = firstBin
        self.weightOffset = weightOffset
        self.weights = weights
    }

    /// The dense weight of filter `m` at FFT bin `bin` (for tests and inspection).
    public func weight(filter m: Int, bin: Int) -> Float {
        let offset = bin - firstBin[m]
        let count = weightOffset[m + 1] - weightOffset[m]
        return offset >= 0 && offset < count ? weights[weightOffset[m] + offset] : 0
    }
}
