import EarshotCore
/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Codable, Hashable {
    public var low: Double
    public var high: Double
    public var level: Double
}

/// Per-utterance numbers the bootstrap resamples: errors, reference words and insertions
/// (the last for WER's empty-reference rule).
struct UtteranceErrors: Sendable {
    var errors: Int
    var words: Int
    var insertions: Int

    init(_ score: UtteranceScore) {
        errors = score.counts.errors
        words = score.counts.referenceLength
        insertions = score.counts.insertions
    }

    static func pooledWER(errors: Int, words: Int, insertions: Int) -> Double {
        words == 0 ? Double(insertions) : Double(errors) / Double(words)
    }
}

/// Percentile bootstrap over utterances (resampled with replacement), the unit that is
/// independent in a test set; words within an utterance are not.
public enum Bootstrap {
    public static let defaultReplicates = 1000

    /// The 95% interval of the pooled WER of `scores`.
    static func werInterval(_ items: [UtteranceErrors], replicates: Int, generator: inout SplitMix64) -> ConfidenceInterval? {
        guard !items.isEmpty, replicates > 0 else { return nil }
        var samples = [Double]()
        samples.reserveCapacity(replicates)
        for _ in 0..<replicates {
            var errors = 0, words = 0, insertions = 0
            for _ in 0..<items.count {
                let item = items[Int.random(in: 0..<items.count, using: &generator)]
                errors += item.errors; words += item.words; insertions += item.insertions
            }
            samples.append(UtteranceErrors.pooledWER(errors: errors, words: words, insertions: insertions))
        }
        return percentileInterval(&samples)
    }

    /// The 95% interval of WER(b) − WER(a) over the same utterances, resampled in pairs.
    static func differenceInterval(_ a: [UtteranceErrors], _ b: [UtteranceErrors], replicates: Int,
                                   generator: inout SplitMix64) -> ConfidenceInterval? {
        guard !a.isEmpty, a.count == b.count, replicates > 0 else { return nil }
        var samples = [Double]()
        samples.reserveCapacity(replicates)
        for _ in 0..<replicates {
            var ea = 0, eb = 0, words = 0, ia = 0, ib = 0
            for _ in 0..<a.count {
                let k = Int.random(in: 0..<a.count, using: &generator)
                ea += a[k].errors; eb += b[k].errors; words += a[k].words
                ia += a[k].insertions; ib += b[k].insertions
            }
            samples.append(UtteranceErrors.pooledWER(errors: eb, words: words, insertions: ib)
                - UtteranceErrors.pooledWER(errors: ea, words: words, insertions: ia))
        }
        return percentileInterval(&samples)
    }

    static func percentileInterval(_ samples: inout [Double], level: Double = 0.95) -> ConfidenceInterval {
        samples.sort()
        let tail = (1 - level) / 2
        func quantile(_ q: Double) -> Double {
            let position = q * Double(samples.count - 1)
            let lower = Int(position.rounded(.down)), upper = Int(position.rounded(.up))
            let weight = position - Double(lower)
            return samples[lower] * (1 - weight) + samples[upper] * weight
        }
        return ConfidenceInterval(low: quantile(tail), high: quantile(1 - tail), level: level)
    }
}
