import Histogram

/// What one measurement window (or the merged stable windows of a step) showed.
public struct WindowStats: Sendable, Codable, Equatable {
    public var requests: Int
    public var succeeded: Int
    /// Failed requests by status ("0" for no response at all).
    public var errorsByStatus: [String: Int]
    public var seconds: Double
    public var requestsPerSecond: Double
    public var audioSecondsPerSecond: Double
    public var p50Ms: Double
    public var p90Ms: Double
    public var p95Ms: Double
    public var p99Ms: Double
    public var maxMs: Double
    /// Server compute time over audio duration, summed over successful requests.
    public var servedRealTimeFactor: Double?
    public var meanQueueMs: Double?
    public var meanComputeMs: Double?

    enum CodingKeys: String, CodingKey {
        case requests, succeeded, seconds
        case errorsByStatus = "errors_by_status", requestsPerSecond = "requests_per_second"
        case audioSecondsPerSecond = "audio_seconds_per_second", p50Ms = "p50_ms", p90Ms = "p90_ms"
        case p95Ms = "p95_ms", p99Ms = "p99_ms", maxMs = "max_ms", servedRealTimeFactor = "served_rtf"
        case meanQueueMs = "mean_queue_ms", meanComputeMs = "mean_compute_ms"
    }

    /// Summarizes `samples` collected over `seconds` of wall time. Latencies of successful
    /// requests go into an HdrHistogram at microsecond resolution (3 significant digits); failed
    /// ones are only counted, since an instant 503 would otherwise pull the percentiles down
    /// (as in Triton's perf_analyzer).
    public init(samples: [LoadSample], seconds: Double) {
        var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        var errors: [String: Int] = [:]
        var audio = 0.0, compute = 0.0, queue = 0.0, timed = 0
        for sample in samples {
            guard sample.status == 200 else {
                errors[String(sample.status), default: 0] += 1
                continue
            }
            _ = histogram.record(UInt64(max(0, sample.latency.seconds * 1_000_000)))
            if let seconds = sample.audioSeconds, let c = sample.computeMs, let q = sample.queueMs {
                audio += seconds
                compute += c
                queue += q
                timed += 1
            }
        }
        requests = samples.count
        let succeededCount = samples.count - errors.values.reduce(0, +)
        succeeded = succeededCount
        errorsByStatus = errors
        self.seconds = seconds
        requestsPerSecond = seconds > 0 ? Double(succeededCount) / seconds : 0
        audioSecondsPerSecond = seconds > 0 ? audio / seconds : 0
        let anySucceeded = succeededCount > 0
        func ms(_ percentile: Double) -> Double { anySucceeded ? Double(histogram.valueAtPercentile(percentile)) / 1000 : 0 }
        p50Ms = ms(50)
        p90Ms = ms(90)
        p95Ms = ms(95)
        p99Ms = ms(99)
        maxMs = anySucceeded ? Double(histogram.max) / 1000 : 0
        servedRealTimeFactor = audio > 0 ? compute / 1000 / audio : nil
        meanQueueMs = timed > 0 ? queue / Double(timed) : nil
        meanComputeMs = timed > 0 ? compute / Double(timed) : nil
    }
}

/// The stopping rule of a step: its last three windows agree, in throughput and in p95
/// latency, within `tolerance` of their mean.
public enum Convergence {
    public static func isStable(_ windows: [WindowStats], tolerance: Double = 0.10, count: Int = 3) -> Bool {
        guard windows.count >= count else { return false }
        let last = windows.suffix(count)
        // A window in which nothing came back is no measurement: three of them "agreeing" on zero
        // would end the step on a stalled machine or server with nothing to report.
        guard last.allSatisfy({ $0.requestsPerSecond > 0 }) else { return false }
        return agree(last.map(\.requestsPerSecond), tolerance: tolerance) && agree(last.map(\.p95Ms), tolerance: tolerance)
    }

    static func agree(_ values: [Double], tolerance: Double) -> Bool {
        guard let low = values.min(), let high = values.max() else { return false }
        let mean = values.reduce(0, +) / Double(values.count)
        guard mean > 0 else { return high == low }
        return (high - mean) / mean <= tolerance && (mean - low) / mean <= tolerance
    }
}
