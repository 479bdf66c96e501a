import EarshotPersistence
import Foundation

/// `earshot monitor report`: the server's drift monitor replayed over a request log.
public struct OfflineMonitoringReport: Sendable, Codable, Equatable {
    public var log: String
    public var rows: Int
    public var recognitions: Int
    /// For each metric that alarmed: the recognition (1-based, in log order) that raised it first.
    public var firstAlarms: [String: Int]
    /// The verdict on the last window, as `GET /v1/monitoring` would show it.
    public var final: MonitoringReport

    enum CodingKeys: String, CodingKey { case log, rows, recognitions, firstAlarms = "first_alarms", final }
}

public enum OfflineMonitoring {
    /// Successful recognitions of a request log, oldest first, as metric values.
    public static func metricRows(_ log: RequestLog, vocabulary: Set<String>? = nil) throws(PersistenceError) -> (total: Int, values: [[String: Double]]) {
        let rows = try log.allRows()
        let recognitions = rows.filter { $0.status == 200 && $0.error == nil && $0.audioSeconds != nil }
        return (rows.count, recognitions.map { MonitoredMetrics.values(row: $0, vocabulary: vocabulary) })
    }

    /// Replays the log's recognitions (after the first `skip`, e.g. a baseline used as the
    /// reference) through a `LiveMonitor`.
    public static func report(
        log: RequestLog, reference: [String: ReferenceDistribution], thresholds: DriftThresholds = .init(), skip: Int = 0
    ) throws -> OfflineMonitoringReport {
        let (total, values) = try metricRows(log)
        let monitor = try LiveMonitor(reference: reference, thresholds: thresholds)
        var firstAlarms: [String: Int] = [:]
        let replayed = values.dropFirst(skip)
        for (index, row) in replayed.enumerated() {
            for metric in monitor.observe(row) where firstAlarms[metric] == nil { firstAlarms[metric] = index + 1 }
        }
        return OfflineMonitoringReport(log: log.path, rows: total, recognitions: replayed.count, firstAlarms: firstAlarms,
                                       final: monitor.report())
    }
}
