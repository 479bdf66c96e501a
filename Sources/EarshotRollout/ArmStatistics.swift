/// What one arm did over the current canary step: enough for the rollback rules.
public struct ArmStatistics: Sendable, Codable, Equatable {
    public var requests = 0
    public var errors = 0
    public var emptyTranscripts = 0
    public var lowConfidence = 0
    /// Latencies in milliseconds of the most recent successful requests (bounded).
    public private(set) var latenciesMs: [Double] = []

    public static let maxLatencies = 2_000

    // Latencies stay out of the JSON status: counts are what an operator reads.
    enum CodingKeys: String, CodingKey {
        case requests, errors, emptyTranscripts = "empty_transcripts", lowConfidence = "low_confidence"
    }

    public init() {}

    /// Records a request's outcome; `transcript` is nil for an error.
    public mutating func record(latencyMs: Double, text: String?, confidence: Double?, lowConfidenceBelow threshold: Double) {
        requests += 1
        guard let text else {
            errors += 1
            return
        }
        if text.split(whereSeparator: \.isWhitespace).isEmpty { emptyTranscripts += 1 }
        if let confidence, !(confidence >= threshold) { lowConfidence += 1 }
        if latenciesMs.count >= Self.maxLatencies { latenciesMs.removeFirst(latenciesMs.count - Self.maxLatencies + 1) }
        if latencyMs.isFinite { latenciesMs.append(latencyMs) }
    }

    public var errorRate: Double { rate(errors, of: requests) }
    public var emptyRate: Double { rate(emptyTranscripts, of: requests - errors) }
    public var lowConfidenceRate: Double { rate(lowConfidence, of: requests - errors) }

    /// 95th percentile latency (nearest rank), nil with no successes.
    public var p95LatencyMs: Double? {
        guard !latenciesMs.isEmpty else { return nil }
        let sorted = latenciesMs.sorted()
        let rank = Int((0.95 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank - 1, 0), sorted.count - 1)]
    }

    private func rate(_ count: Int, of total: Int) -> Double { total > 0 ? Double(count) / Double(total) : 0 }
}
