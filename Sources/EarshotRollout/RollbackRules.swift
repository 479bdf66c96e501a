/// When a canary is rolled back: each candidate rate may exceed the primary's by at most a
/// margin, and its p95 latency by at most a factor, once both arms have enough samples.
public struct RollbackRules: Sendable, Codable, Equatable {
    /// Candidate error rate − primary error rate above this rolls back (2 points: a
    /// recognizer that fails on one request in fifty more is not shippable).
    public var maxErrorRateIncrease = 0.02
    /// Candidate p95 / primary p95 above this rolls back.
    public var maxP95LatencyRatio = 1.5
    /// Candidate empty-transcript rate − the primary's above this rolls back.
    public var maxEmptyRateIncrease = 0.05
    /// Candidate low-confidence rate − the primary's above this rolls back.
    public var maxLowConfidenceRateIncrease = 0.10
    /// Confidence below which a transcript counts as low-confidence.
    public var lowConfidenceThreshold = 0.5
    /// No verdict before the candidate has this many requests (and the primary too): with 20
    /// requests a candidate that always fails is caught, one bad request is not a verdict.
    public var minimumSamples = 20

    public init() {}

    public func validate() throws(RolloutError) {
        guard minimumSamples >= 1 else { throw .invalidThreshold("minimum samples must be ≥ 1") }
        guard maxP95LatencyRatio >= 1 else { throw .invalidThreshold("p95 latency ratio must be ≥ 1") }
        for (name, value) in [("error rate", maxErrorRateIncrease), ("empty rate", maxEmptyRateIncrease),
                              ("low-confidence rate", maxLowConfidenceRateIncrease)] where !(0...1).contains(value) {
            throw .invalidThreshold("\(name) increase must be in 0...1, got \(value)")
        }
        guard (0...1).contains(lowConfidenceThreshold) else { throw .invalidThreshold("low-confidence threshold must be in 0...1") }
    }

    /// Why the candidate must be rolled back, or nil when it may continue (or samples are too few).
    /// Errors count as soon as the candidate alone has enough samples: a broken candidate must not
    /// wait for the primary.
    public func violation(candidate: ArmStatistics, primary: ArmStatistics) -> String? {
        guard candidate.requests >= minimumSamples else { return nil }
        let errorIncrease = candidate.errorRate - primary.errorRate
        if errorIncrease > maxErrorRateIncrease {
            return "error rate \(percent(candidate.errorRate)) vs primary \(percent(primary.errorRate)) (max +\(percent(maxErrorRateIncrease)))"
        }
        let successes = candidate.requests - candidate.errors
        guard successes >= minimumSamples / 2 else { return nil }
        if candidate.emptyRate - primary.emptyRate > maxEmptyRateIncrease {
            return "empty-transcript rate \(percent(candidate.emptyRate)) vs primary \(percent(primary.emptyRate)) (max +\(percent(maxEmptyRateIncrease)))"
        }
        if candidate.lowConfidenceRate - primary.lowConfidenceRate > maxLowConfidenceRateIncrease {
            return "low-confidence rate \(percent(candidate.lowConfidenceRate)) vs primary \(percent(primary.lowConfidenceRate)) (max +\(percent(maxLowConfidenceRateIncrease)))"
        }
        if primary.requests >= minimumSamples, let c = candidate.p95LatencyMs, let p = primary.p95LatencyMs, p > 0,
           c / p > maxP95LatencyRatio {
            return "p95 latency \(Self.format(c)) ms vs primary \(Self.format(p)) ms (max ×\(Self.format(maxP95LatencyRatio)))"
        }
        return nil
    }

    private func percent(_ x: Double) -> String { Self.format(x * 100) + "%" }
    static func format(_ x: Double) -> String {
        let rounded = (x * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
