import EarshotRecognizer
import Foundation
import Prometheus

/// The server's Prometheus metrics, in a registry of its own (no process-wide metrics system,
/// so several servers, e.g. in tests, never share counters). Label values are bounded: route
/// templates, methods, status codes and model names.
public final class ServingMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let inFlight: Gauge
    private let queueDepth: Gauge
    private let busyWorkers: Gauge
    private let residentMemory: Gauge

    /// Latency buckets in seconds: from a fast health check to a long queued recognition.
    static let latencyBuckets: [Duration] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30].map {
        .milliseconds(Int64($0 * 1000))
    }
    static let realTimeFactorBuckets: [Double] = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 5]

    public init() {
        inFlight = registry.makeGauge(descriptor: Self.name("http_requests_in_flight", unit: "", "HTTP requests being served now"))
        queueDepth = registry.makeGauge(descriptor: Self.name("queue_depth", unit: "", "Recognitions waiting for a worker"))
        busyWorkers = registry.makeGauge(descriptor: Self.name("workers_busy", unit: "", "Workers running a recognition"))
        residentMemory = registry.makeGauge(
            descriptor: Self.name("process_resident_memory", unit: "bytes", "Resident set size of the server process"))
    }

    public func requestStarted() { inFlight.increment() }
    public func requestFinished() { inFlight.decrement() }

    /// Counts one answered request and its latency.
    public func recordRequest(route: String, method: String, status: Int, model: String, latency: Duration) {
        registry.makeCounter(
            descriptor: Self.name("http_requests", unit: "total", "HTTP requests by route template, method, status and model"),
            labels: [("route", route), ("method", method), ("status", String(status)), ("model", model)]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.name("http_request_duration", unit: "seconds", "Time from request arrival to response"),
            labels: [("route", route)],
            buckets: Self.latencyBuckets
        ).record(latency)
    }

    static let confidenceBuckets: [Double] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1]

    /// Records one finished recognition: audio processed, its real-time factor, where the time
    /// went, and how sure the model was.
    public func recordRecognition(model: String, audioSeconds: Double, timings: JobTimings, confidence: Double, needsReview: Bool) {
        let labels = [("model", model)]
        if confidence.isFinite {
            registry.makeValueHistogram(
                descriptor: Self.name("transcript_confidence", unit: "", "Utterance confidence of each transcript"),
                labels: labels, buckets: Self.confidenceBuckets
            ).record(confidence)
        }
        if needsReview {
            registry.makeCounter(
                descriptor: Self.name("needs_review", unit: "total", "Transcripts below the review threshold"), labels: labels
            ).increment()
        }
        registry.makeCounter(
            descriptor: Self.name("audio_processed", unit: "seconds_total", "Seconds of audio recognized"), labels: labels
        ).increment(by: audioSeconds)
        if audioSeconds > 0 {
            registry.makeValueHistogram(
                descriptor: Self.name("real_time_factor", unit: "", "Compute time divided by audio duration"),
                labels: labels, buckets: Self.realTimeFactorBuckets
            ).record(timings.compute.seconds / audioSeconds)
        }
        registry.makeDurationHistogram(
            descriptor: Self.name("queue_wait", unit: "seconds", "Time a recognition waited for a worker"),
            labels: labels, buckets: Self.latencyBuckets
        ).record(timings.queueWait)
        registry.makeDurationHistogram(
            descriptor: Self.name("compute", unit: "seconds", "Time a recognition ran on a worker"),
            labels: labels, buckets: Self.latencyBuckets
        ).record(timings.compute)
    }

    /// Publishes the loaded models as an info metric (value 1, identity in the labels).
    public func recordModels(_ models: [ModelInfo], primary: ModelInfo) {
        for model in models {
            // A blue-green switch flips the label: the stale series drops to 0.
            registry.makeGauge(
                descriptor: Self.name("model_info", unit: "", "Loaded models; value 1, identity in the labels"),
                labels: [("name", model.name), ("version", model.version), ("primary", model == primary ? "false" : "true")]
            ).set(0.0 as Double)
            registry.makeGauge(
                descriptor: Self.name("model_info", unit: "", "Loaded models; value 1, identity in the labels"),
                labels: [("name", model.name), ("version", model.version), ("primary", model == primary ? "true" : "false")]
            ).set(1.0 as Double)
        }
    }

    /// The Prometheus text exposition, with the gauges sampled now.
    public func exposition(load: WorkerPool.Load) -> String {
        queueDepth.set(Double(load.queued))
        busyWorkers.set(Double(load.running))
        if let bytes = ResidentMemory.currentBytes() { residentMemory.set(Double(bytes)) }
        if let seconds = ProcessCPU.seconds() {
            registry.makeGauge(descriptor: Self.name("process_cpu", unit: "seconds", "User and system CPU time the server process has used"))
                .set(seconds)
        }
        return registry.emitToString()
    }

    private static func name(_ metric: String, unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "earshot", metricName: metric, unitName: unit, helpText: help)
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    var milliseconds: Double { seconds * 1000 }
}

/// The process's resident set size, from Linux's /proc/self/statm.
public enum ResidentMemory {
    public static func currentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count >= 2, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

/// The process's user + system CPU time, from getrusage (rate() of it is the CPU use).
public enum ProcessCPU {
    public static func seconds() -> Double? {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return nil }
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }
}
