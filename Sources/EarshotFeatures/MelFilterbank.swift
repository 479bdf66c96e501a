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

    /// Filters evenly spaced in mel between `lowFreq` and `highFreq` (0 = Nyquist, negative =
    /// below Nyquist), over `paddedSize / 2` FFT bins, as Kaldi's MelBanks.
    public init(filterCount: Int, paddedSize: Int, sampleRate: Int, lowFreq: Float, highFreq: Float) throws(FeatureError) {
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
        var firstBin = [Int](), weightOffset = [0], weights = [Float]()
        firstBin.reserveCapacity(filterCount)
        for m in 0..<filterCount {
            let left = melLow + Double(m) * delta
            let center = left + delta
            let right = center + delta
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
