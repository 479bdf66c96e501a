import EarshotRecognizer
import EarshotRollout
import EarshotScoring
import Foundation
import Logging
import Synchronization

/// Where one request goes under the current rollout.
public struct RoutingDecision: Sendable, Equatable {
    /// The model to run (nil: the primary).
    public var model: String?
    /// The canary arm, when a canary is running and the request was not pinned to a model.
    public var arm: Arm?
    /// A candidate to run on a copy of the request after the response, in shadow mode.
    public var shadow: String?

    /// The arm that really answered: a candidate that failed was answered by the primary.
    func answeringArm(_ done: Transcription) -> Arm? {
        guard let arm else { return nil }
        return arm == .candidate && done.model.name != model ? .primary : arm
    }
}

/// The state `GET /admin/rollout` returns.
public struct RolloutStatus: Sendable, Codable, Equatable {
    public var configuration: RolloutConfiguration
    public var primary: String
    public var previousPrimary: String?
    public var candidatePercent: Double
    public var phase: String
    public var candidateStats: ArmStatistics
    public var primaryStats: ArmStatistics
    public var shadow: ShadowStatistics
    public var evidence: QualityGate.Evidence
    public var transitions: [RolloutTransition]

    enum CodingKeys: String, CodingKey {
        case configuration, primary, phase, shadow, evidence, transitions
        case previousPrimary = "previous_primary", candidatePercent = "candidate_percent"
        case candidateStats = "candidate_stats", primaryStats = "primary_stats"
    }
}

/// What shadow mode has seen: comparisons, the disagreement WER (primary as reference), and the
/// copies that errored or were dropped under load.
public struct ShadowStatistics: Sendable, Codable, Equatable {
    public var compared = 0
    public var errors = 0
    public var dropped = 0
    public var disagreementErrors = 0
    public var referenceWords = 0

    public var disagreementWER: Double? { compared > 0 ? Double(disagreementErrors) / Double(max(referenceWords, 1)) : nil }

    enum CodingKeys: String, CodingKey {
        case compared, errors, dropped, disagreementErrors = "disagreement_errors", referenceWords = "reference_words"
    }
}

/// Runs the server's rollout: decides each request's model (canary split, shadow copy), keeps
/// per-arm statistics, steps the canary ramp and rolls back or promotes, and performs blue-green
/// switches on the model registry. One lock guards it all; nothing slow runs under it.
public final class RolloutController: Sendable {
    /// Replays a labelled probe set through the primary and the candidate (by name) and returns
    /// their corpus WERs: the quality gate's evidence, measured afresh at every canary step.
    /// Nil when the server could not run the set (too busy, shutting down, cancelled): the gate
    /// then stays pending and the replay is tried again, rather than scoring unrun probes as errors.
    public typealias ProbeRunner = @Sendable (_ primary: String, _ candidate: String) async -> (primaryWER: Double, candidateWER: Double)?

    private struct State {
        var configuration = RolloutConfiguration()
        var ramp: CanaryRamp?
        var candidateStats = ArmStatistics()
        var primaryStats = ArmStatistics()
        var shadow = ShadowStatistics()
        var evidence = QualityGate.Evidence()
        var previousPrimary: String?
        var transitions: [RolloutTransition] = []
        var random: any RandomNumberGenerator & Sendable
        var probes: ProbeRunner?
        /// Bumped by each `configure`, so a replay started for an earlier rollout is ignored.
        var generation = 0
        /// The running probe replay, cancelled when the rollout moves on.
        var replayTask: Task<Void, Never>?
    }

    /// A probe replay to start once the lock is released.
    private struct ProbeRound {
        var runner: ProbeRunner
        var candidate: String
        var step: Int
        var generation: Int
    }

    let models: ModelRegistry
    private let state: Mutex<State>
    private let logger: Logger
    private let metrics: ServingMetrics
    private let clock: @Sendable () -> Date

    init(models: ModelRegistry, metrics: ServingMetrics, logger: Logger,
         random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
         clock: @escaping @Sendable () -> Date = { Date() }) {
        self.models = models
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
        state = Mutex(State(random: random))
    }

    /// Installs a new rollout (from the config file or the admin API), restarting its statistics.
    /// With `probes`, the probe set is replayed now and again at every canary step.
    public func configure(_ configuration: RolloutConfiguration, probes: ProbeRunner? = nil) throws(ServingError) {
        if configuration.mode != .off {
            guard let candidate = configuration.candidate, !candidate.isEmpty else {
                throw .badRequest("rollout mode '\(configuration.mode.rawValue)' needs a 'candidate' model")
            }
            _ = try models.recognizer(named: candidate)
            guard candidate != models.primary.name else {
                throw .badRequest("candidate '\(candidate)' is already the primary")
            }
        }
        let now = clock()
        var ramp: CanaryRamp?
        if configuration.mode == .canary {
            do {
                ramp = try CanaryRamp(
                    schedule: configuration.schedule, rules: configuration.rules, gate: configuration.gate,
                    requireProbes: configuration.requireProbes, requireShadow: configuration.requireShadow, startedAt: now)
            } catch {
                throw .badRequest(error.description)
            }
        } else {
            do { try configuration.rules.validate() } catch { throw .badRequest(error.description) }
        }
        let (transition, round) = state.withLock { state -> (RolloutTransition, ProbeRound?) in
            let from = state.ramp?.candidatePercent ?? 0
            state.configuration = configuration
            state.candidateStats = ArmStatistics()
            state.primaryStats = ArmStatistics()
            state.shadow = ShadowStatistics()
            state.evidence = QualityGate.Evidence()
            state.ramp = ramp
            state.generation += 1
            state.probes = configuration.mode == .off ? nil : probes
            let to = ramp?.candidatePercent ?? 0
            let reason = "rollout set to \(configuration.mode.rawValue)" + (configuration.candidate.map { " with candidate \($0)" } ?? "")
            let transition = RolloutTransition(at: now, fromPercent: from, toPercent: to, reason: reason)
            state.transitions.append(transition)
            return (transition, Self.probeRound(state))
        }
        announce(transition)
        if let round { replay(round) }
    }

    /// The replay the current step needs, if the rollout has a probe set.
    private static func probeRound(_ state: State) -> ProbeRound? {
        guard let runner = state.probes, let candidate = state.configuration.candidate else { return nil }
        return ProbeRound(runner: runner, candidate: candidate, step: state.ramp?.stepIndex ?? 0, generation: state.generation)
    }

    /// Replays the probe set in the background; its WERs become the evidence for `round.step`
    /// unless the rollout has moved on (another step, another rollout, a rollback), which also
    /// cancels it. A replay the server was too busy to finish is tried again after a pause.
    private func replay(_ round: ProbeRound) {
        let primary = models.primary.name
        let task = Task.detached(priority: .low) { [self] in
            while !Task.isCancelled && isCurrent(round) {
                guard let (primaryWER, candidateWER) = await round.runner(primary, round.candidate) else {
                    logger.notice("probe replay incomplete, retrying", metadata: ["step": "\(round.step + 1)"])
                    try? await Task.sleep(for: .seconds(5))
                    continue
                }
                let current = state.withLock { state -> Bool in
                    guard state.generation == round.generation, (state.ramp?.stepIndex ?? 0) == round.step else { return false }
                    state.evidence.primaryProbeWER = primaryWER
                    state.evidence.candidateProbeWER = candidateWER
                    state.evidence.probeStep = round.step
                    return true
                }
                logger.notice("probe set replayed", metadata: [
                    "primary": "\(primary)", "primary_wer": "\(primaryWER)", "candidate": "\(round.candidate)",
                    "candidate_wer": "\(candidateWER)", "step": "\(round.step + 1)", "current": "\(current)",
                ])
                return
            }
        }
        state.withLock { state in
            state.replayTask?.cancel()
            state.replayTask = task
        }
    }

    private func isCurrent(_ round: ProbeRound) -> Bool {
        state.withLock { state in
            state.generation == round.generation && state.configuration.mode != .off && (state.ramp?.stepIndex ?? 0) == round.step
        }
    }

    /// The model for a request: a request naming `?model=` is pinned to it; otherwise the canary
    /// split (sticky by `clientID`) or the primary, plus a shadow copy in shadow mode.
    public func route(clientID: String?, explicitModel: String?) -> RoutingDecision {
        if let explicitModel, !explicitModel.isEmpty { return RoutingDecision(model: explicitModel) }
        return state.withLock { state in
            let configuration = state.configuration
            switch configuration.mode {
            case .off: return RoutingDecision()
            case .shadow: return RoutingDecision(shadow: configuration.candidate)
            case .canary:
                guard let ramp = state.ramp, let candidate = configuration.candidate else { return RoutingDecision() }
                let arm = TrafficSplitter.arm(clientID: clientID, candidatePercent: ramp.candidatePercent, random: &state.random)
                return RoutingDecision(model: arm == .candidate ? candidate : nil, arm: arm)
            }
        }
    }

    /// Records one canary request's outcome (`text` nil for an error) and steps the ramp.
    public func record(arm: Arm, latencyMs: Double, text: String?, confidence: Double?) {
        let now = clock()
        let (transition, promote, round) = state.withLock { state -> (RolloutTransition?, String?, ProbeRound?) in
            guard state.ramp != nil else { return (nil, nil, nil) }
            let threshold = state.configuration.rules.lowConfidenceThreshold
            switch arm {
            case .candidate: state.candidateStats.record(latencyMs: latencyMs, text: text, confidence: confidence, lowConfidenceBelow: threshold)
            case .primary: state.primaryStats.record(latencyMs: latencyMs, text: text, confidence: confidence, lowConfidenceBelow: threshold)
            }
            var evidence = state.evidence
            evidence.disagreementWER = state.shadow.disagreementWER
            evidence.shadowSamples = state.shadow.compared
            guard let transition = state.ramp?.update(
                now: now, candidate: state.candidateStats, primary: state.primaryStats, evidence: evidence) else { return (nil, nil, nil) }
            state.transitions.append(transition)
            state.candidateStats = ArmStatistics()
            state.primaryStats = ArmStatistics()
            // A new step is gated on its own probe replay: the last step's WERs no longer count.
            var round: ProbeRound?
            if state.ramp?.phase == .ramping {
                state.evidence.primaryProbeWER = nil
                state.evidence.candidateProbeWER = nil
                state.evidence.probeStep = nil
                round = Self.probeRound(state)
            }
            let promoted = state.ramp?.phase == .promoted && state.configuration.promoteAtEnd
            return (transition, promoted ? state.configuration.candidate : nil, round)
        }
        if let transition { announce(transition) }
        if let round { replay(round) }
        if let promote {
            do {
                try switchPrimary(to: promote, reason: "canary completed")
                try configure(RolloutConfiguration())
            } catch {
                logger.error("promotion failed", metadata: ["candidate": "\(promote)", "error": "\(error)"])
            }
        }
    }

    /// Records one shadow comparison: the candidate's transcript against the primary's.
    public func recordShadow(primaryText: String, candidateText: String?, candidate: String, latency: Duration?) {
        let counts = candidateText.map { TranscriptWER.counts(reference: primaryText, hypothesis: $0) }
        state.withLock { state in
            if let counts {
                state.shadow.compared += 1
                state.shadow.disagreementErrors += counts.errors
                state.shadow.referenceWords += counts.words
            } else {
                state.shadow.errors += 1
            }
        }
        metrics.recordShadow(model: candidate, outcome: counts == nil ? "error" : "compared", latency: latency,
                             disagreement: counts)
    }

    /// Counts a shadow copy skipped because every worker was busy.
    public func recordShadowDropped(candidate: String) {
        state.withLock { $0.shadow.dropped += 1 }
        metrics.recordShadow(model: candidate, outcome: "dropped", latency: nil, disagreement: nil)
    }

    /// Probe-set WERs measured elsewhere (`PUT /admin/rollout/evidence`), for the current step.
    public func setProbeEvidence(primaryWER: Double, candidateWER: Double) {
        state.withLock { state in
            state.evidence.primaryProbeWER = primaryWER
            state.evidence.candidateProbeWER = candidateWER
            state.evidence.probeStep = state.ramp?.stepIndex ?? 0
        }
    }

    /// An operator's immediate rollback of a running canary or shadow.
    public func rollBack(reason: String) {
        let now = clock()
        let transition = state.withLock { state -> RolloutTransition in
            let transition: RolloutTransition
            if var ramp = state.ramp {
                transition = ramp.rollBack(now: now, reason: reason)
                state.ramp = ramp
            } else {
                transition = RolloutTransition(at: now, fromPercent: 0, toPercent: 0, reason: "rollback: \(reason)")
            }
            state.configuration.mode = .off
            state.transitions.append(transition)
            state.replayTask?.cancel()
            state.replayTask = nil
            return transition
        }
        announce(transition)
    }

    /// Blue-green: makes `name` the primary at once (requests already running finish on the model
    /// they started with). Returns the model that was primary.
    @discardableResult
    public func switchPrimary(to name: String, reason: String) throws(ServingError) -> ModelInfo {
        let previous = try models.setPrimary(name)
        let now = clock()
        let transition = RolloutTransition(at: now, fromPercent: 0, toPercent: 0,
                                           reason: "blue-green switch \(previous.name) → \(name): \(reason)")
        state.withLock { state in
            state.previousPrimary = previous.name
            state.transitions.append(transition)
        }
        metrics.recordModels(models.models, primary: models.primary)
        announce(transition)
        return previous
    }

    /// Blue-green switch back to the model that was primary before the last switch.
    @discardableResult
    public func switchBack(reason: String) throws(ServingError) -> ModelInfo {
        guard let previous = state.withLock({ $0.previousPrimary }) else {
            throw .badRequest("no earlier primary to switch back to")
        }
        return try switchPrimary(to: previous, reason: reason)
    }

    public var status: RolloutStatus {
        let primary = models.primary.name
        return state.withLock { state in
            RolloutStatus(
                configuration: state.configuration, primary: primary, previousPrimary: state.previousPrimary,
                candidatePercent: state.ramp?.candidatePercent ?? 0,
                phase: state.ramp?.phase.rawValue ?? state.configuration.mode.rawValue,
                candidateStats: state.candidateStats, primaryStats: state.primaryStats, shadow: state.shadow,
                evidence: state.evidence, transitions: state.transitions)
        }
    }

    private func announce(_ transition: RolloutTransition) {
        metrics.recordRolloutTransition(candidatePercent: transition.toPercent, rollback: transition.reason.hasPrefix("rollback"))
        logger.notice("rollout transition", metadata: [
            "from_percent": "\(transition.fromPercent)", "to_percent": "\(transition.toPercent)", "reason": "\(transition.reason)",
        ])
    }
}
