import EarshotMonitoring
import Prometheus

extension ServingMetrics {
    /// One shadow copy: compared (with its disagreement), errored or dropped under load.
    func recordShadow(model: String, outcome: String, latency: Duration?, disagreement: (errors: Int, words: Int)?) {
        let labels = [("model", model)]
        registry.makeCounter(
            descriptor: Self.metricName("shadow_requests", unit: "total", "Shadow copies by candidate and outcome (compared, error, dropped)"),
            labels: [("model", model), ("outcome", outcome)]
        ).increment()
        if let latency {
            registry.makeDurationHistogram(
                descriptor: Self.metricName("shadow_latency", unit: "seconds", "Candidate compute time on shadow copies"),
                labels: labels, buckets: Self.latencyBuckets
            ).record(latency)
        }
        if let disagreement {
            registry.makeCounter(
                descriptor: Self.metricName("shadow_disagreement_errors", unit: "total", "Word edits between candidate and primary transcripts"),
                labels: labels
            ).increment(by: Double(disagreement.errors))
            registry.makeCounter(
                descriptor: Self.metricName("shadow_reference_words", unit: "total", "Primary transcript words compared in shadow"),
                labels: labels
            ).increment(by: Double(disagreement.words))
        }
    }

    /// The canary's current share and a count of transitions (rollbacks apart).
    func recordRolloutTransition(candidatePercent: Double, rollback: Bool) {
        registry.makeGauge(
            descriptor: Self.metricName("rollout_candidate_percent", unit: "", "Share of traffic the canary candidate serves")
        ).set(candidatePercent)
        registry.makeCounter(
            descriptor: Self.metricName("rollout_transitions", unit: "total", "Rollout transitions; kind=rollback for rollbacks"),
            labels: [("kind", rollback ? "rollback" : "step")]
        ).increment()
    }

    static func metricName(_ metric: String, unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "earshot", metricName: metric, unitName: unit, helpText: help)
    }
}

extension ServingMetrics {
    /// The live WER from human corrections, per model; `source` is `feedback` (POST /v1/feedback)
    /// or `review` (a resolved review item).
    func recordFeedback(model: String, estimate: LiveWER.Estimate, source: String) {
        registry.makeCounter(
            descriptor: Self.metricName(
                "feedback_corrections", unit: "total", "Transcripts corrected through POST /v1/feedback or by resolving a review item"),
            labels: [("model", model), ("source", source)]
        ).increment()
        registry.makeGauge(
            descriptor: Self.metricName("feedback_wer", unit: "", "Live word error rate from human corrections (feedback and resolved reviews)"),
            labels: [("model", model)]
        ).set(estimate.wer)
        registry.makeGauge(
            descriptor: Self.metricName("feedback_wer_alarm", unit: "", "1 while the live WER exceeds the model's evaluated WER by the margin"),
            labels: [("model", model)]
        ).set(estimate.alarm ? 1.0 : 0.0)
    }
}

extension ServingMetrics {
    /// Drift per metric: the alarm (0/1), PSI and KS p-value of the current window.
    func recordDrift(_ verdicts: [MetricDrift]) {
        for verdict in verdicts where verdict.samples > 0 {
            let labels = [("metric", verdict.metric)]
            registry.makeGauge(
                descriptor: Self.metricName("drift_alarm", unit: "", "1 while the metric's window has drifted from the reference"),
                labels: labels
            ).set(verdict.alarm ? 1.0 : 0.0)
            registry.makeGauge(
                descriptor: Self.metricName("drift_psi", unit: "", "Population Stability Index of the metric's window"), labels: labels
            ).set(verdict.populationStabilityIndex)
            registry.makeGauge(
                descriptor: Self.metricName("drift_ks_p_value", unit: "", "Two-sample KS p-value of the metric's window"), labels: labels
            ).set(verdict.ksPValue)
        }
    }
}
