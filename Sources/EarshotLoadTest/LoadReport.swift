import Foundation

/// A whole run: every step and where latency bends.
public struct LoadReport: Sendable, Codable {
    public var url: String
    public var utterances: Int
    public var steps: [StepResult]
    /// The first closed-loop step whose p95 exceeds twice the lowest-concurrency step's p95, or
    /// whose throughput gained less than 10% over the previous step: past it, more clients buy
    /// latency, not throughput.
    public var kneeLabel: String?
    /// The best closed-loop throughput seen (requests/s).
    public var saturationRequestsPerSecond: Double?

    enum CodingKeys: String, CodingKey {
        case url, utterances, steps
        case kneeLabel = "knee"
        case saturationRequestsPerSecond = "saturation_requests_per_second"
    }

    public init(url: String, utterances: Int, steps: [StepResult]) {
        self.url = url
        self.utterances = utterances
        self.steps = steps
        let closed = steps.filter { if case .closedLoop = $0.mode { true } else { false } }
        saturationRequestsPerSecond = closed.map(\.summary.requestsPerSecond).max()
        kneeLabel = Self.knee(closed)
    }

    static func knee(_ closed: [StepResult]) -> String? {
        guard let first = closed.first, first.summary.p95Ms > 0 else { return nil }
        for (previous, step) in zip(closed, closed.dropFirst()) {
            let latencyBent = step.summary.p95Ms > 2 * first.summary.p95Ms
            let throughputFlat = step.summary.requestsPerSecond < 1.10 * previous.summary.requestsPerSecond
            if latencyBent || throughputFlat { return step.label }
        }
        return nil
    }

    /// A fixed-width table, one row per step.
    public func table() -> String {
        let header = ["step", "windows", "stable", "req", "err", "req/s", "audio s/s", "p50 ms", "p90 ms", "p95 ms",
                      "p99 ms", "max ms", "RTF", "queue ms", "compute ms"]
        var rows = [header]
        for step in steps {
            let s = step.summary
            let errors = s.errorsByStatus.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",")
            rows.append([
                step.label, String(step.windows.count), step.stable ? "yes" : "no", String(s.requests),
                errors.isEmpty ? "0" : errors, f(s.requestsPerSecond, 1), f(s.audioSecondsPerSecond, 2), f(s.p50Ms, 1),
                f(s.p90Ms, 1), f(s.p95Ms, 1), f(s.p99Ms, 1), f(s.maxMs, 1), s.servedRealTimeFactor.map { f($0, 3) } ?? "-",
                s.meanQueueMs.map { f($0, 1) } ?? "-", s.meanComputeMs.map { f($0, 1) } ?? "-",
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            row.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }
        if let saturation = saturationRequestsPerSecond { lines.append("saturation: \(f(saturation, 1)) req/s") }
        if let knee = kneeLabel { lines.append("latency bends at: \(knee)") }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }

    private func f(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}
