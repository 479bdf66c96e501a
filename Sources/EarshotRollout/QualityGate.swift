/// The transcript checks a canary step must pass to be promoted, beyond the rollback rules'
/// HTTP-level ones: the candidate is no worse than the primary on labelled probes, and (after
/// shadow) the two agree closely on live traffic.
public struct QualityGate: Sendable, Codable, Equatable {
    /// Candidate probe WER may exceed the primary's by at most this (absolute, 0.01 = 1 point).
    public var maxProbeWERIncrease = 0.01
    /// Disagreement WER (primary transcript as reference) allowed after shadow.
    public var maxDisagreementWER = 0.15
    /// Shadow comparisons needed before the disagreement figure counts.
    public var minimumShadowSamples = 50

    public init() {}

    public struct Evidence: Sendable, Codable, Equatable {
        public var primaryProbeWER: Double?
        public var candidateProbeWER: Double?
        /// The canary step (index into the schedule) the probe WERs were measured at: each step
        /// is gated on its own replay, so a candidate that changed (or a probe set that passed
        /// only once) cannot ride an earlier step's result.
        public var probeStep: Int?
        public var disagreementWER: Double?
        public var shadowSamples: Int

        enum CodingKeys: String, CodingKey {
            case primaryProbeWER = "primary_probe_wer", candidateProbeWER = "candidate_probe_wer", probeStep = "probe_step"
            case disagreementWER = "disagreement_wer", shadowSamples = "shadow_samples"
        }

        public init(primaryProbeWER: Double? = nil, candidateProbeWER: Double? = nil, probeStep: Int? = nil,
                    disagreementWER: Double? = nil, shadowSamples: Int = 0) {
            self.primaryProbeWER = primaryProbeWER
            self.candidateProbeWER = candidateProbeWER
            self.probeStep = probeStep
            self.disagreementWER = disagreementWER
            self.shadowSamples = shadowSamples
        }
    }

    public enum Verdict: Sendable, Equatable {
        case pass
        /// Not enough evidence yet: hold the step.
        case pending(String)
        /// The candidate is worse: roll back.
        case fail(String)
    }

    /// Probe WER is required when `requireProbes` (measured at `step` when one is given);
    /// disagreement only when shadow data exist (`requireShadow`).
    public func verdict(_ evidence: Evidence, requireProbes: Bool, requireShadow: Bool, step: Int? = nil) -> Verdict {
        if requireProbes {
            guard let p = evidence.primaryProbeWER, let c = evidence.candidateProbeWER else {
                return .pending("probe WER not measured yet")
            }
            if let step, evidence.probeStep != step { return .pending("probe WER not measured at step \(step + 1) yet") }
            if c - p > maxProbeWERIncrease {
                return .fail("probe WER \(pct(c)) vs primary \(pct(p)) (max +\(pct(maxProbeWERIncrease)))")
            }
        }
        if requireShadow {
            guard evidence.shadowSamples >= minimumShadowSamples, let d = evidence.disagreementWER else {
                return .pending("\(evidence.shadowSamples) of \(minimumShadowSamples) shadow comparisons")
            }
            if d > maxDisagreementWER { return .fail("disagreement WER \(pct(d)) above \(pct(maxDisagreementWER))") }
        }
        return .pass
    }

    private func pct(_ x: Double) -> String { RollbackRules.format(x * 100) + "%" }
}
