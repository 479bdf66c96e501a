import EarshotRollout
import Foundation
import Testing

/// A seeded generator so random assignment is reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

func stats(requests: Int, errors: Int = 0, empty: Int = 0, lowConfidence: Int = 0, latencyMs: Double = 100) -> ArmStatistics {
    var s = ArmStatistics()
    for i in 0..<requests {
        if i < errors {
            s.record(latencyMs: latencyMs, text: nil, confidence: nil, lowConfidenceBelow: 0.5)
        } else {
            let isEmpty = i - errors < empty
            let isLow = i - errors < lowConfidence
            s.record(latencyMs: latencyMs, text: isEmpty ? "" : "call mom", confidence: isLow ? 0.2 : 0.9, lowConfidenceBelow: 0.5)
        }
    }
    return s
}

@Suite(.timeLimit(.minutes(5))) struct TrafficSplitterTests {
    @Test func stickyClientsKeepTheirArmAndStayOnTheCandidateAsTheShareGrows() {
        var rng = SplitMix(state: 1)
        let clients = (0..<2000).map { "client-\($0)" }
        let at5 = clients.map { TrafficSplitter.arm(clientID: $0, candidatePercent: 5, random: &rng) }
        let again = clients.map { TrafficSplitter.arm(clientID: $0, candidatePercent: 5, random: &rng) }
        #expect(at5 == again)
        let at25 = clients.map { TrafficSplitter.arm(clientID: $0, candidatePercent: 25, random: &rng) }
        for (a, b) in zip(at5, at25) where a == .candidate { #expect(b == .candidate) }
        let share = Double(at25.filter { $0 == .candidate }.count) / Double(clients.count)
        #expect(abs(share - 0.25) < 0.04, "hashed share \(share)")
    }

    @Test func anonymousRequestsAreSplitAtRandomInTheRightShare() {
        var rng = SplitMix(state: 42)
        let arms = (0..<10_000).map { _ in TrafficSplitter.arm(clientID: nil, candidatePercent: 10, random: &rng) }
        let share = Double(arms.filter { $0 == .candidate }.count) / 10_000
        #expect(abs(share - 0.10) < 0.015)
        #expect(TrafficSplitter.arm(clientID: "x", candidatePercent: 0, random: &rng) == .primary)
        #expect(TrafficSplitter.arm(clientID: "x", candidatePercent: 100, random: &rng) == .candidate)
    }
}

@Suite(.timeLimit(.minutes(5))) struct RollbackRulesTests {
    let rules = RollbackRules()

    @Test func noVerdictBeforeTheMinimumSamples() {
        #expect(rules.violation(candidate: stats(requests: 19, errors: 19), primary: stats(requests: 100)) == nil)
        #expect(rules.violation(candidate: stats(requests: 20, errors: 20), primary: stats(requests: 100)) != nil)
    }

    @Test func eachRuleRollsBackRelativeToThePrimary() throws {
        let primary = stats(requests: 200, errors: 2, empty: 4, lowConfidence: 10, latencyMs: 100)
        #expect(rules.violation(candidate: stats(requests: 100, errors: 1, empty: 2, lowConfidence: 5, latencyMs: 110), primary: primary) == nil)
        let errors = try #require(rules.violation(candidate: stats(requests: 100, errors: 10), primary: primary))
        #expect(errors.contains("error rate"))
        let empty = try #require(rules.violation(candidate: stats(requests: 100, empty: 30), primary: primary))
        #expect(empty.contains("empty-transcript"))
        let low = try #require(rules.violation(candidate: stats(requests: 100, lowConfidence: 40), primary: primary))
        #expect(low.contains("low-confidence"))
        let slow = try #require(rules.violation(candidate: stats(requests: 100, latencyMs: 400), primary: primary))
        #expect(slow.contains("p95 latency"))
    }

    @Test func p95IsTheNearestRank() {
        var s = ArmStatistics()
        for ms in 1...100 { s.record(latencyMs: Double(ms), text: "a", confidence: 1, lowConfidenceBelow: 0.5) }
        #expect(s.p95LatencyMs == 95)
    }
}

@Suite(.timeLimit(.minutes(5))) struct CanaryRampTests {
    let t0 = Date(timeIntervalSince1970: 1_000_000)

    @Test func rampsThroughEveryStepAfterItsHoldAndLogsWhy() throws {
        var ramp = try CanaryRamp(schedule: .init(steps: [1, 5, 25, 50, 100], holdSeconds: 60), startedAt: t0)
        #expect(ramp.candidatePercent == 1)
        let healthy = stats(requests: 50), primary = stats(requests: 500)
        // Too early: holds.
        let held = ramp.update(now: t0 + 30, candidate: healthy, primary: primary, evidence: .init())
        #expect(held == nil)
        var now = t0
        for expected in [5.0, 25, 50, 100] {
            now += 61
            let stepMade = ramp.update(now: now, candidate: healthy, primary: primary, evidence: .init())
            let step = try #require(stepMade)
            #expect(step.toPercent == expected)
        }
        now += 61
        let promotedMade = ramp.update(now: now, candidate: healthy, primary: primary, evidence: .init())
        let promoted = try #require(promotedMade)
        #expect(ramp.phase == .promoted && promoted.reason.contains("promoted"))
        #expect(ramp.transitions.map(\.toPercent) == [1, 5, 25, 50, 100, 100])
        #expect(ramp.transitions.allSatisfy { !$0.reason.isEmpty })
    }

    @Test func aBrokenCandidateIsRolledBackToZeroWithItsReason() throws {
        var ramp = try CanaryRamp(schedule: .standard, startedAt: t0)
        let stepMade = ramp.update(now: t0 + 1, candidate: stats(requests: 25, errors: 25), primary: stats(requests: 500), evidence: .init())
        let step = try #require(stepMade)
        #expect(step.toPercent == 0 && ramp.candidatePercent == 0 && ramp.phase == .rolledBack)
        #expect(step.reason.contains("error rate 100%"))
        // Stays rolled back.
        let held = ramp.update(now: t0 + 1000, candidate: stats(requests: 50), primary: stats(requests: 500), evidence: .init())
        #expect(held == nil)
    }

    @Test func qualityGateHoldsWithoutEvidenceAndRollsBackAWorseCandidate() throws {
        var ramp = try CanaryRamp(schedule: .init(steps: [5, 100], holdSeconds: 0), requireProbes: true, requireShadow: true, startedAt: t0)
        let healthy = stats(requests: 50), primary = stats(requests: 500)
        let held = ramp.update(now: t0 + 1, candidate: healthy, primary: primary, evidence: .init())
        #expect(held == nil)
        let good = QualityGate.Evidence(primaryProbeWER: 0.10, candidateProbeWER: 0.105, probeStep: 0, disagreementWER: 0.05, shadowSamples: 80)
        let promoted = ramp.update(now: t0 + 2, candidate: healthy, primary: primary, evidence: good)
        #expect(promoted?.toPercent == 100)
        var other = try CanaryRamp(schedule: .init(steps: [5, 100], holdSeconds: 0), requireProbes: true, startedAt: t0)
        let worse = QualityGate.Evidence(primaryProbeWER: 0.10, candidateProbeWER: 0.15, probeStep: 0)
        let stepMade = other.update(now: t0 + 2, candidate: healthy, primary: primary, evidence: worse)
        let step = try #require(stepMade)
        #expect(step.toPercent == 0 && step.reason.contains("probe WER 15%"))
        let disagreeing = QualityGate().verdict(.init(disagreementWER: 0.4, shadowSamples: 100), requireProbes: false, requireShadow: true)
        #expect(disagreeing == .fail("disagreement WER 40% above 15%"))
    }

    /// Every step's promotion needs probe WERs measured at that step: step 0's good result does
    /// not promote step 1, and step 1's own (worse) replay rolls the candidate back.
    @Test func eachStepIsGatedOnItsOwnProbeReplay() throws {
        var ramp = try CanaryRamp(schedule: .init(steps: [5, 25, 100], holdSeconds: 0), requireProbes: true, startedAt: t0)
        let healthy = stats(requests: 50), primary = stats(requests: 500)
        let stepZero = QualityGate.Evidence(primaryProbeWER: 0.10, candidateProbeWER: 0.10, probeStep: 0)
        #expect(ramp.update(now: t0 + 1, candidate: healthy, primary: primary, evidence: stepZero)?.toPercent == 25)
        // Step 0's evidence again: held, not promoted.
        #expect(ramp.update(now: t0 + 2, candidate: healthy, primary: primary, evidence: stepZero) == nil)
        #expect(ramp.candidatePercent == 25 && ramp.phase == .ramping)
        #expect(QualityGate().verdict(stepZero, requireProbes: true, requireShadow: false, step: 1) == .pending("probe WER not measured at step 2 yet"))
        let stepOneWorse = QualityGate.Evidence(primaryProbeWER: 0.10, candidateProbeWER: 0.30, probeStep: 1)
        let rollback = ramp.update(now: t0 + 3, candidate: healthy, primary: primary, evidence: stepOneWorse)
        let rolledBack = try #require(rollback)
        #expect(rolledBack.toPercent == 0 && rolledBack.reason.contains("quality gate: probe WER 30%"))
    }

    @Test func invalidSchedulesAreRefused() {
        #expect(throws: RolloutError.self) { try CanaryRamp(schedule: .init(steps: [5, 1], holdSeconds: 1), startedAt: t0) }
        #expect(throws: RolloutError.self) { try CanaryRamp(schedule: .init(steps: [], holdSeconds: 1), startedAt: t0) }
        #expect(throws: RolloutError.self) { try CanaryRamp(schedule: .init(steps: [150], holdSeconds: 1), startedAt: t0) }
    }
}

@Suite(.timeLimit(.minutes(5))) struct AutomationLevelTests {
    @Test func automationLevelsDecideWhatTheClientGets() {
        #expect(AutomationLevel.humanOnly.disposition(confidence: 0.99, threshold: 0.5).runModel == false)
        #expect(AutomationLevel.shadow.disposition(confidence: 0.99, threshold: 0.5).returnTranscript == false)
        #expect(AutomationLevel.assistance.disposition(confidence: 0.99, threshold: 0.5).suggestion)
        #expect(AutomationLevel.partial.disposition(confidence: 0.3, threshold: 0.5).enqueue)
        #expect(!AutomationLevel.partial.disposition(confidence: 0.8, threshold: 0.5).enqueue)
        #expect(!AutomationLevel.full.disposition(confidence: 0.1, threshold: 0.5).needsReview)
    }
}
