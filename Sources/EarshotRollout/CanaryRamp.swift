import Foundation

/// One change of the candidate's share, with why it happened.
public struct RolloutTransition: Sendable, Codable, Equatable {
    public var at: Date
    public var fromPercent: Double
    public var toPercent: Double
    public var reason: String

    enum CodingKeys: String, CodingKey { case at, fromPercent = "from_percent", toPercent = "to_percent", reason }

    public init(at: Date, fromPercent: Double, toPercent: Double, reason: String) {
        self.at = at
        self.fromPercent = fromPercent
        self.toPercent = toPercent
        self.reason = reason
    }
}

/// The canary state machine: ramps the candidate through the schedule while the rollback rules
/// and the quality gate pass, rolls it back to 0% the moment one fails. Pure: time and
/// statistics come in as arguments, so tests step it without a clock.
public struct CanaryRamp: Sendable, Codable, Equatable {
    public enum Phase: String, Sendable, Codable, Equatable {
        case ramping, promoted, rolledBack = "rolled_back"
    }

    public let schedule: CanarySchedule
    public let rules: RollbackRules
    public let gate: QualityGate
    public let requireProbes: Bool
    public let requireShadow: Bool
    public private(set) var phase: Phase = .ramping
    public private(set) var stepIndex = 0
    public private(set) var stepStartedAt: Date
    public private(set) var transitions: [RolloutTransition] = []

    public init(schedule: CanarySchedule, rules: RollbackRules = .init(), gate: QualityGate = .init(),
                requireProbes: Bool = false, requireShadow: Bool = false, startedAt: Date) throws(RolloutError) {
        try schedule.validate()
        try rules.validate()
        self.schedule = schedule
        self.rules = rules
        self.gate = gate
        self.requireProbes = requireProbes
        self.requireShadow = requireShadow
        stepStartedAt = startedAt
        transitions = [RolloutTransition(at: startedAt, fromPercent: 0, toPercent: schedule.steps[0], reason: "canary started")]
    }

    /// The candidate's share of traffic now.
    public var candidatePercent: Double {
        switch phase {
        case .ramping: schedule.steps[stepIndex]
        case .promoted: 100
        case .rolledBack: 0
        }
    }

    /// Applies the rules to the current step's statistics. Returns the transition made, if any;
    /// the caller resets its per-step statistics after a promotion and, with `requireProbes`,
    /// replays the probe set for the new step (only evidence measured at this step counts).
    @discardableResult
    public mutating func update(now: Date, candidate: ArmStatistics, primary: ArmStatistics,
                                evidence: QualityGate.Evidence) -> RolloutTransition? {
        guard phase == .ramping else { return nil }
        if let reason = rules.violation(candidate: candidate, primary: primary) {
            return rollBack(now: now, reason: reason)
        }
        guard now.timeIntervalSince(stepStartedAt) >= schedule.holdSeconds,
              candidate.requests >= rules.minimumSamples else { return nil }
        switch gate.verdict(evidence, requireProbes: requireProbes, requireShadow: requireShadow, step: stepIndex) {
        case .fail(let reason): return rollBack(now: now, reason: "quality gate: \(reason)")
        case .pending: return nil
        case .pass: break
        }
        let from = candidatePercent
        if stepIndex + 1 < schedule.steps.count {
            stepIndex += 1
        } else {
            phase = .promoted
        }
        stepStartedAt = now
        let reason = "held \(RollbackRules.format(schedule.holdSeconds)) s with \(candidate.requests) candidate requests, checks passed"
            + (phase == .promoted ? "; candidate promoted" : "")
        return record(RolloutTransition(at: now, fromPercent: from, toPercent: candidatePercent, reason: reason))
    }

    /// An operator's rollback (or an automatic one): 0% at once, with the reason kept.
    @discardableResult
    public mutating func rollBack(now: Date, reason: String) -> RolloutTransition {
        let from = candidatePercent
        phase = .rolledBack
        return record(RolloutTransition(at: now, fromPercent: from, toPercent: 0, reason: "rollback: \(reason)"))
    }

    private mutating func record(_ transition: RolloutTransition) -> RolloutTransition {
        transitions.append(transition)
        return transition
    }
}
