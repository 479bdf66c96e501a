/// Reference distributions for drift monitoring, as plain sorted value arrays per metric (input
/// metrics such as `duration`, `rms_dbfs`, `loudness_lufs`, `snr_db`, `peak_dbfs`,
/// `clipped_fraction`; output metrics `confidence`, `words_per_second`). Monitoring builds its
/// own distributions from them, so this module needs no monitoring code.
public enum ReferenceStatistics {
    /// At most this many order statistics are kept per metric.
    public static let maximumValues = 2_000

    /// The sorted finite values, thinned to at most `maximumValues` evenly spaced order statistics
    /// (always keeping the minimum and maximum).
    public static func orderStatistics(_ values: [Double], limit: Int = maximumValues) -> [Double] {
        let sorted = values.filter(\.isFinite).sorted()
        guard sorted.count > limit, limit >= 2 else { return sorted }
        return (0..<limit).map { k in sorted[Int((Double(k) * Double(sorted.count - 1) / Double(limit - 1)).rounded())] }
    }

    /// Every metric of `samples` (metric → values) thinned to order statistics.
    public static func summarize(_ samples: [String: [Double]]) -> [String: [Double]] {
        samples.mapValues { orderStatistics($0) }.filter { !$0.value.isEmpty }
    }
}
