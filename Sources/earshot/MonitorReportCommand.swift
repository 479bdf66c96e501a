import ArgumentParser
import EarshotMonitoring
import EarshotPersistence
import Foundation

/// Drift thresholds as options, shared by `monitor report` and (later) `serve`.
struct DriftOptions: ParsableArguments {
    @Option(help: "Recent requests per metric window.") var driftWindow = 200
    @Option(help: "No verdict before this many values in a window.") var driftMinimum = 100
    @Option(help: "PSI at or above which a metric may alarm (0.25: the usual 'act' line).") var driftPsi = 0.25
    @Option(help: "KS p-value below which a metric may alarm (both must hold).") var driftKsP = 0.001

    var thresholds: DriftThresholds {
        var t = DriftThresholds()
        t.window = driftWindow
        t.minimumSamples = driftMinimum
        t.populationStabilityIndex = driftPsi
        t.ksPValue = driftKsP
        return t
    }
}

/// `earshot monitor report`: replays a request log through the drift monitor.
struct MonitorReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Replay a request log through the drift monitor and report alarms per metric.",
        discussion: """
        The reference is a statistics file ({"metric": [values...]}, as `monitor reference` writes
        and a model stores), or the log's own first --baseline recognitions. Exit 3 when an alarm
        is active on the last window.

        Examples:
          earshot monitor report --log requests.db --reference models/default-1.earshot
          earshot monitor report --log requests.db --reference reference.json
          earshot monitor report --log requests.db --baseline 500 --json
        """)

    @Option(help: "The server's request log (SQLite).") var log: String
    @Option(help: "Reference statistics: a model bundle (.earshot) or JSON {metric: [values]}.") var reference: String?
    @Option(help: "Use the log's first N recognitions as the reference instead.") var baseline: Int?
    @OptionGroup var drift: DriftOptions
    @Flag(help: "One JSON object.") var json = false

    func validate() throws {
        guard (reference == nil) != (baseline == nil) else { throw ValidationError("give exactly one of --reference or --baseline") }
        if let baseline, baseline < 1 { throw ValidationError("--baseline must be at least 1") }
    }

    func run() async throws {
        guard FileManager.default.fileExists(atPath: log) else { throw ValidationError("--log \(log): no such file") }
        let requestLog = try RequestLog(path: log)
        let distributions: [String: ReferenceDistribution]
        if let reference {
            distributions = try DriftReference.load(path: reference)
        } else {
            let rows = try OfflineMonitoring.metricRows(requestLog).values.prefix(baseline ?? 0)
            distributions = try DriftReference.distributions(DriftReference.arrays(from: Array(rows)), source: "\(log) baseline")
        }
        let report = try OfflineMonitoring.report(log: requestLog, reference: distributions, thresholds: drift.thresholds, skip: baseline ?? 0)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print("\(report.log): \(report.recognitions) recognitions replayed of \(report.rows) rows")
            print("metric              samples     PSI    KS p   ref median  cur median  alarm  first alarm")
            for verdict in report.final.dataDrift + report.final.conceptDrift {
                let first = report.firstAlarms[verdict.metric].map(String.init) ?? "-"
                let numbers = String(format: "%8d %7.3f %7.4f %11.3f %11.3f", verdict.samples, verdict.populationStabilityIndex,
                                     verdict.ksPValue, verdict.referenceMedian, verdict.currentMedian)
                let alarm = (verdict.alarm ? "YES" : "no").padding(toLength: 5, withPad: " ", startingAt: 0)
                print("\(verdict.metric.padding(toLength: 18, withPad: " ", startingAt: 0)) \(numbers)  \(alarm)  \(first)")
            }
        }
        if !report.final.alarms.isEmpty { throw EarshotExit.gateExceeded }
    }
}

/// `earshot monitor reference`: reference statistics from a baseline request log.
struct MonitorReferenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Write reference statistics (sorted values per metric) from a request log's recognitions.",
        discussion: "Examples:\n  earshot monitor reference --log baseline.db --output reference.json --first 1000")

    @Option(help: "The request log (SQLite).") var log: String
    @Option(help: "Output JSON file.") var output: String
    @Option(help: "Only the first N recognitions.") var first: Int?

    func run() async throws {
        guard FileManager.default.fileExists(atPath: log) else { throw ValidationError("--log \(log): no such file") }
        guard output != log else { throw ValidationError("--output must not overwrite the log") }
        var rows = try OfflineMonitoring.metricRows(try RequestLog(path: log)).values
        if let first { rows = Array(rows.prefix(first)) }
        guard !rows.isEmpty else { throw ValidationError("\(log): no successful recognitions to take a reference from") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(DriftReference.arrays(from: rows)).write(to: URL(fileURLWithPath: output), options: .atomic)
        print("\(output): \(rows.count) recognitions")
    }
}
