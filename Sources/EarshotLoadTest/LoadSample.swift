import Foundation

/// One request's outcome as the load tester saw it.
public struct LoadSample: Sendable {
    /// When it completed, relative to the step's start.
    public var completedAt: Duration
    /// From the intended send time (open loop: the schedule, so a stalled server cannot hide
    /// its stall — coordinated omission) or the actual send time (closed loop) to the answer.
    public var latency: Duration
    /// HTTP status, or 0 when no response came (connection error, timeout).
    public var status: Int
    /// From the server's response body, when it was a transcription.
    public var audioSeconds: Double?
    public var queueMs: Double?
    public var computeMs: Double?

    /// Reads the server's own timings from a 200 response body.
    static func parse(status: Int, body: [UInt8], completedAt: Duration, latency: Duration) -> LoadSample {
        var sample = LoadSample(completedAt: completedAt, latency: latency, status: status)
        guard status == 200, let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            return sample
        }
        sample.audioSeconds = (object["audio_seconds"] as? NSNumber)?.doubleValue
        sample.queueMs = (object["queue_ms"] as? NSNumber)?.doubleValue
        sample.computeMs = (object["compute_ms"] as? NSNumber)?.doubleValue
        return sample
    }
}
