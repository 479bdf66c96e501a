import Foundation
import Synchronization

/// How a step loads the server.
public enum LoadMode: Sendable, Equatable, Codable {
    /// `concurrency` clients, each sending its next request as soon as the last is answered.
    case closedLoop(concurrency: Int)
    /// Requests sent on a fixed schedule, whether or not earlier ones were answered.
    case openLoop(ratePerSecond: Double)

    public var label: String {
        switch self {
        case .closedLoop(let concurrency): "c=\(concurrency)"
        case .openLoop(let rate): "rate=\(Self.format(rate))/s"
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    // JSON: {"kind": "closed_loop", "concurrency": 4} or {"kind": "open_loop", "rate_per_second": 20}.
    private enum CodingKeys: String, CodingKey {
        case kind, concurrency
        case ratePerSecond = "rate_per_second"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "closed_loop": self = .closedLoop(concurrency: try c.decode(Int.self, forKey: .concurrency))
        case "open_loop": self = .openLoop(ratePerSecond: try c.decode(Double.self, forKey: .ratePerSecond))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown load mode '\(other)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .closedLoop(let concurrency):
            try c.encode("closed_loop", forKey: .kind)
            try c.encode(concurrency, forKey: .concurrency)
        case .openLoop(let rate):
            try c.encode("open_loop", forKey: .kind)
            try c.encode(rate, forKey: .ratePerSecond)
        }
    }
}

public struct LoadTestOptions: Sendable {
    public var window: Duration = .seconds(5)
    public var maxWindows = 6
    public var tolerance = 0.10
    public var requestTimeout: Duration = .seconds(60)
    /// Open loop only: keep-alive connections (requests outstanding at once). When all are busy
    /// the next request leaves late and its latency counts from its scheduled time.
    public var maxOutstanding = 256
    public var headers: [(String, String)] = []

    public init() {}
}

/// One step of a sweep: its mode, every window, and the merged stable windows.
public struct StepResult: Sendable, Codable {
    public var mode: LoadMode
    public var label: String
    public var windows: [WindowStats]
    public var stable: Bool
    /// The last (up to) three windows merged: the figures the report shows.
    public var summary: WindowStats
}

/// Replays a manifest against one URL and measures latency and throughput.
public struct LoadRunner: Sendable {
    public let target: LoadTarget
    public let items: [LoadItem]
    public let options: LoadTestOptions

    public init(target: LoadTarget, items: [LoadItem], options: LoadTestOptions) {
        self.target = target
        self.items = items
        self.options = options
    }

    /// Runs windows of the step until the last three agree or `maxWindows` have run.
    public func runStep(_ mode: LoadMode) async -> StepResult {
        var windows: [WindowStats] = []
        var samplesPerWindow: [[LoadSample]] = []
        repeat {
            let (samples, seconds) = await runWindow(mode)
            samplesPerWindow.append(samples)
            windows.append(WindowStats(samples: samples, seconds: seconds))
        } while !Convergence.isStable(windows, tolerance: options.tolerance) && windows.count < options.maxWindows
        let lastCount = min(3, windows.count)
        let merged = WindowStats(
            samples: samplesPerWindow.suffix(lastCount).flatMap { $0 },
            seconds: windows.suffix(lastCount).map(\.seconds).reduce(0, +))
        return StepResult(
            mode: mode, label: mode.label, windows: windows,
            stable: Convergence.isStable(windows, tolerance: options.tolerance), summary: merged)
    }

    /// One window of `options.window`; returns the samples and the wall time they took.
    func runWindow(_ mode: LoadMode) async -> ([LoadSample], Double) {
        let start = ContinuousClock.now
        let end = start + options.window
        let collector = SampleCollector()
        switch mode {
        case .closedLoop(let concurrency):
            let cursor = AtomicCounter()
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<max(1, concurrency) {
                    group.addTask { await closedLoopClient(until: end, start: start, cursor: cursor, collector: collector) }
                }
            }
        case .openLoop(let rate):
            await openLoop(rate: rate, start: start, end: end, collector: collector)
        }
        return (collector.samples, (ContinuousClock.now - start).seconds)
    }

    private func closedLoopClient(
        until end: ContinuousClock.Instant, start: ContinuousClock.Instant, cursor: AtomicCounter,
        collector: SampleCollector
    ) async {
        while ContinuousClock.now < end {
            let attempt = ContinuousClock.now
            do {
                try await HTTPClientConnection.with(host: target.host, port: target.port) { connection in
                    while ContinuousClock.now < end {
                        let item = items[cursor.next() % items.count]
                        let sent = ContinuousClock.now
                        let reply = try await connection.send(
                            method: "POST", path: target.path, headers: requestHeaders(item), body: item.bytes,
                            timeout: options.requestTimeout)
                        let now = ContinuousClock.now
                        collector.add(.parse(status: reply.status, body: reply.body, completedAt: now - start, latency: now - sent))
                        // The server closes after some errors; reconnect rather than fail the next send.
                        if reply.headers["connection"]?.lowercased() == "close" { return }
                    }
                }
            } catch {
                let now = ContinuousClock.now
                collector.add(LoadSample(completedAt: now - start, latency: now - attempt, status: 0))
                try? await Task.sleep(for: .milliseconds(10))  // no hot loop against a dead server
            }
        }
    }

    /// Requests leave on a fixed schedule (request i at start + i/rate) over keep-alive
    /// connections, as wrk2 does: each of `maxOutstanding` lanes holds one connection and takes
    /// the next scheduled request whenever it is free. When every lane is busy the next request
    /// leaves late, and its latency still counts from its scheduled time, so a stalled server
    /// cannot hide the requests it delayed (coordinated omission).
    private func openLoop(rate: Double, start: ContinuousClock.Instant, end: ContinuousClock.Instant, collector: SampleCollector) async {
        let interval = Duration.nanoseconds(Int64(1e9 / max(rate, 0.001)))
        let schedule = AtomicCounter()
        let lanes = max(1, min(options.maxOutstanding, Int((end - start) / interval) + 1))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<lanes {
                group.addTask {
                    await openLoopLane(schedule: schedule, interval: interval, start: start, end: end, collector: collector)
                }
            }
        }
    }

    private func openLoopLane(
        schedule: AtomicCounter, interval: Duration, start: ContinuousClock.Instant, end: ContinuousClock.Instant,
        collector: SampleCollector
    ) async {
        var index = schedule.next()
        while start + interval * index < end {
            do {
                try await HTTPClientConnection.with(host: target.host, port: target.port) { connection in
                    var sent = 0
                    while start + interval * index < end {
                        let intended = start + interval * index
                        try? await Task.sleep(until: intended, clock: .continuous)
                        let item = items[index % items.count]
                        let reply: HTTPReply
                        do {
                            reply = try await connection.send(
                                method: "POST", path: target.path, headers: requestHeaders(item), body: item.bytes,
                                timeout: options.requestTimeout)
                        } catch {
                            // A kept-alive connection the server closed while this lane slept:
                            // the same request goes out again on a fresh one. A timeout is real.
                            if case HTTPClientError.timedOut = error { throw error }
                            throw sent > 0 ? StaleConnection() : error
                        }
                        sent += 1
                        let now = ContinuousClock.now
                        collector.add(.parse(status: reply.status, body: reply.body, completedAt: now - start, latency: now - intended))
                        index = schedule.next()
                        // The server closes after some errors; reconnect rather than fail the next send.
                        if reply.headers["connection"]?.lowercased() == "close" { return }
                    }
                }
            } catch is StaleConnection {
                continue
            } catch {
                // A request that could not be sent fails at its scheduled time, not before, so
                // failures against a dead server follow the rate instead of bunching up.
                let intended = start + interval * index
                try? await Task.sleep(until: intended, clock: .continuous)
                let now = ContinuousClock.now
                collector.add(LoadSample(completedAt: now - start, latency: now - intended, status: 0))
                index = schedule.next()
                try? await Task.sleep(for: .milliseconds(10))  // no hot loop against a dead server
            }
        }
    }

    private func requestHeaders(_ item: LoadItem) -> [(String, String)] {
        [("Content-Type", "application/octet-stream")] + options.headers
    }
}

/// A send failed on a connection that had already served requests (closed by the server).
struct StaleConnection: Error {}

/// Samples from many client tasks.
final class SampleCollector: Sendable {
    private let stored = Mutex<[LoadSample]>([])
    func add(_ sample: LoadSample) { stored.withLock { $0.append(sample) } }
    var samples: [LoadSample] { stored.withLock { $0 } }
}

/// A shared counter: the next manifest item for closed-loop clients, the next scheduled request
/// for open-loop lanes.
final class AtomicCounter: Sendable {
    private let value = Atomic<Int>(0)
    /// Increments and returns the value before the increment.
    func next() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue & Int.max }
}
