/// Settings files may name only the fields they change: every missing field keeps its default.
/// Keys are snake_case, as in the rest of Earshot's JSON.
extension CanarySchedule {
    enum CodingKeys: String, CodingKey { case steps, holdSeconds = "hold_seconds" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(steps: try c.decodeIfPresent([Double].self, forKey: .steps) ?? Self.standard.steps,
                  holdSeconds: try c.decodeIfPresent(Double.self, forKey: .holdSeconds) ?? Self.standard.holdSeconds)
    }
}

extension RollbackRules {
    enum CodingKeys: String, CodingKey {
        case maxErrorRateIncrease = "max_error_rate_increase", maxP95LatencyRatio = "max_p95_latency_ratio"
        case maxEmptyRateIncrease = "max_empty_rate_increase"
        case maxLowConfidenceRateIncrease = "max_low_confidence_rate_increase"
        case lowConfidenceThreshold = "low_confidence_threshold", minimumSamples = "minimum_samples"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        maxErrorRateIncrease = try c.decodeIfPresent(Double.self, forKey: .maxErrorRateIncrease) ?? maxErrorRateIncrease
        maxP95LatencyRatio = try c.decodeIfPresent(Double.self, forKey: .maxP95LatencyRatio) ?? maxP95LatencyRatio
        maxEmptyRateIncrease = try c.decodeIfPresent(Double.self, forKey: .maxEmptyRateIncrease) ?? maxEmptyRateIncrease
        maxLowConfidenceRateIncrease = try c.decodeIfPresent(Double.self, forKey: .maxLowConfidenceRateIncrease) ?? maxLowConfidenceRateIncrease
        lowConfidenceThreshold = try c.decodeIfPresent(Double.self, forKey: .lowConfidenceThreshold) ?? lowConfidenceThreshold
        minimumSamples = try c.decodeIfPresent(Int.self, forKey: .minimumSamples) ?? minimumSamples
    }
}

extension QualityGate {
    enum CodingKeys: String, CodingKey {
        case maxProbeWERIncrease = "max_probe_wer_increase", maxDisagreementWER = "max_disagreement_wer"
        case minimumShadowSamples = "minimum_shadow_samples"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        maxProbeWERIncrease = try c.decodeIfPresent(Double.self, forKey: .maxProbeWERIncrease) ?? maxProbeWERIncrease
        maxDisagreementWER = try c.decodeIfPresent(Double.self, forKey: .maxDisagreementWER) ?? maxDisagreementWER
        minimumShadowSamples = try c.decodeIfPresent(Int.self, forKey: .minimumShadowSamples) ?? minimumShadowSamples
    }
}
