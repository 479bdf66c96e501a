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
}

public struct LoadTestOptions: Sendable {
    public var window: Duration = .seconds(5)
    public var maxWindows = 6
    public var tolerance = 0.10
    public var requestTimeout: Duration = .seconds(60)
    /// Open loop only: more outstanding requests than this count as client-side drops, so a
    /// dead server cannot make the tester open connections without bound.
    public var maxOutstanding = 512
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

    private func openLoop(rate: Double, start: ContinuousClock.Instant, end: ContinuousClock.Instant, collector: SampleCollector) async {
        let interval = Duration.nanoseconds(Int64(1e9 / max(rate, 0.001)))
        let outstanding = AtomicCounter()
        await withTaskGroup(of: Void.self) { group in
            var index = 0
            while true {
                let intended = start + interval * index
                guard intended < end else { break }
                try? await Task.sleep(until: intended, clock: .continuous)
                let item = items[index % items.count]
                index += 1
                guard outstanding.next() < options.maxOutstanding else {
                    outstanding.release()
                    collector.add(LoadSample(completedAt: ContinuousClock.now - start, latency: .zero, status: 0))
                    continue
                }
                group.addTask {
                    let sample: LoadSample
                    do {
                        let reply = try await HTTPClientConnection.with(host: target.host, port: target.port) { connection in
                            try await connection.send(
                                method: "POST", path: target.path, headers: requestHeaders(item), body: item.bytes,
                                timeout: options.requestTimeout)
                        }
                        let now = ContinuousClock.now
                        // Latency from the intended send time: coordinated-omission correct.
                        sample = .parse(status: reply.status, body: reply.body, completedAt: now - start, latency: now - intended)
                    } catch {
                        let now = ContinuousClock.now
                        sample = LoadSample(completedAt: now - start, latency: now - intended, status: 0)
                    }
                    collector.add(sample)
                    outstanding.release()
                }
            }
        }
    }

    private func requestHeaders(_ item: LoadItem) -> [(String, String)] {
        [("Content-Type", "application/octet-stream")] + options.headers
    }
}

/// Samples from many client tasks.
final class SampleCollector: Sendable {
    private let stored = Mutex<[LoadSample]>([])
    func add(_ sample: LoadSample) { stored.withLock { $0.append(sample) } }
    var samples: [LoadSample] { stored.withLock { $0 } }
}

/// A shared counter: the next manifest item for closed-loop clients, outstanding requests for
/// the open loop.
final class AtomicCounter: Sendable {
    private let value = Atomic<Int>(0)
    /// Increments and returns the value before the increment.
    func next() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue & Int.max }
    func release() { value.wrappingSubtract(1, ordering: .relaxed) }
}
