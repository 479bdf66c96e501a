import EarshotAudio

/// Median and median absolute deviation, for outlier scores that a few outliers cannot
/// distort (Iglewicz and Hoaglin's modified z-score uses the same scaling).
struct RobustSpread {
    let median: Double
    /// MAD × 1.4826: equals the standard deviation for normal data.
    let scaledMAD: Double

    /// Nil with fewer than five values, or when they do not spread at all.
    init?(_ values: [Double]) {
        guard values.count >= 5 else { return nil }
        let median = Self.median(values)
        var mad = Self.median(values.map { abs($0 - median) }) * 1.4826
        if mad == 0 {
            // More than half the values are equal: fall back to the mean absolute deviation.
            mad = values.reduce(0) { $0 + abs($1 - median) } / Double(values.count) * 1.2533
        }
        guard mad > 0 else { return nil }
        self.median = median
        self.scaledMAD = mad
    }

    func score(_ value: Double) -> Double { (value - median) / scaledMAD }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// A 64-bit FNV-1a hash of decoded audio (rate, channels and every sample's bits), so the
/// same recording in two files or containers hashes alike.
enum ContentHash {
    static func of(_ waveform: Waveform) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ value: UInt32) {
            var word = value
            for _ in 0..<4 {
                hash ^= UInt64(word & 0xFF)
                hash = hash &* 0x0000_0100_0000_01B3
                word >>= 8
            }
        }
        mix(UInt32(truncatingIfNeeded: waveform.sampleRate))
        mix(UInt32(truncatingIfNeeded: waveform.channelCount))
        waveform.samples.withUnsafeBufferPointer { samples in
            for sample in samples { mix(sample.bitPattern) }
        }
        return hash
    }
}
