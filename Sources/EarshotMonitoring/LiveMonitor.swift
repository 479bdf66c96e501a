import Foundation
import Logging
import Synchronization

/// `GET /v1/monitoring`: drift verdicts per metric, output summaries and the live WER.
public struct MonitoringReport: Sendable, Codable, Equatable {
    public struct OutputSummary: Sendable, Codable, Equatable {
        public var recognitions: Int
        public var emptyRate: Double?
        public var meanConfidence: Double?
        public var meanWordsPerSecond: Double?
        public var oovShare: Double?

        enum CodingKeys: String, CodingKey {
            case recognitions, emptyRate = "empty_rate", meanConfidence = "mean_confidence"
            case meanWordsPerSecond = "mean_words_per_second", oovShare = "oov_share"
        }
    }

    public var thresholds: DriftThresholds
    public var dataDrift: [MetricDrift]
    public var conceptDrift: [MetricDrift]
    public var alarms: [String]
    public var output: OutputSummary
    public var feedbackWER: [String: LiveWER.Estimate]

    enum CodingKeys: String, CodingKey {
        case thresholds, dataDrift = "data_drift", conceptDrift = "concept_drift", alarms, output
        case feedbackWER = "feedback_wer"
    }
}

/// The server's live monitor: every recognition's input and output metrics go into a
/// `DriftMonitor` against the model's reference statistics; an alarm turning on or off is a
/// log line and a Prometheus gauge.
public final class LiveMonitor: Sendable {
    private struct State {
        var drift: DriftMonitor?
        var alarms: Set<String> = []
        var recognitions = 0
        var sums: [String: (sum: Double, count: Int)] = [:]
    }

    private let state: Mutex<State>
    private let onVerdicts: (@Sendable ([MetricDrift]) -> Void)?
    private let logger: Logger?
    public let thresholds: DriftThresholds

    /// `onVerdicts` receives every re-evaluation's verdicts (the server exports them as
    /// Prometheus gauges).
    public init(reference: [String: ReferenceDistribution], thresholds: DriftThresholds = .init(),
                logger: Logger? = nil, onVerdicts: (@Sendable ([MetricDrift]) -> Void)? = nil) throws(MonitoringError) {
        do {
            state = Mutex(State(drift: reference.isEmpty ? nil : try DriftMonitor(reference: reference, thresholds: thresholds)))
        } catch {
            throw .invalidSetting("drift monitor: \(error.description)")
        }
        self.thresholds = thresholds
        self.onVerdicts = onVerdicts
        self.logger = logger
    }

    /// Records one recognition's metrics and re-evaluates drift. Returns the metrics whose alarm
    /// turned on with this request.
    @discardableResult
    public func observe(_ values: [String: Double]) -> [String] {
        let (verdicts, raised, cleared) = state.withLock { state -> ([MetricDrift], [String], [String]) in
            state.recognitions += 1
            for name in MonitoredMetrics.outputNames {
                guard let value = values[name] else { continue }
                let old = state.sums[name] ?? (0, 0)
                state.sums[name] = (old.sum + value, old.count + 1)
            }
            guard state.drift != nil else { return ([], [], []) }
            state.drift?.observe(values)
            let verdicts = state.drift?.evaluate() ?? []
            let now = Set(verdicts.filter(\.alarm).map(\.metric))
            let raised = now.subtracting(state.alarms).sorted(), cleared = state.alarms.subtracting(now).sorted()
            state.alarms = now
            return (verdicts, raised, cleared)
        }
        onVerdicts?(verdicts)
        for verdict in verdicts where raised.contains(verdict.metric) {
            logger?.warning("drift alarm", metadata: [
                "metric": "\(verdict.metric)", "psi": "\(verdict.populationStabilityIndex)", "ks_p": "\(verdict.ksPValue)",
                "reference_median": "\(verdict.referenceMedian)", "current_median": "\(verdict.currentMedian)",
            ])
        }
        for metric in cleared { logger?.notice("drift alarm cleared", metadata: ["metric": "\(metric)"]) }
        return raised
    }

    public func report(feedbackWER: [String: LiveWER.Estimate] = [:]) -> MonitoringReport {
        state.withLock { state in
            let verdicts = state.drift?.evaluate() ?? []
            let sums = state.sums
            let mean = { (metric: MonitoredMetric) -> Double? in sums[metric.rawValue].map { $0.sum / Double(max($0.count, 1)) } }
            return MonitoringReport(
                thresholds: thresholds,
                dataDrift: verdicts.filter { !MonitoredMetric.isOutput($0.metric) },
                conceptDrift: verdicts.filter { MonitoredMetric.isOutput($0.metric) },
                alarms: verdicts.filter(\.alarm).map(\.metric),
                output: .init(recognitions: state.recognitions, emptyRate: mean(.empty), meanConfidence: mean(.confidence),
                              meanWordsPerSecond: mean(.wordsPerSecond), oovShare: mean(.oovShare)),
                feedbackWER: feedbackWER)
        }
    }
}
