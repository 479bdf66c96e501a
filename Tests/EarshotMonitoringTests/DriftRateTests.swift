import EarshotCore
import Foundation
import Synchronization
import Testing
@testable import EarshotMonitoring

/// A statistical model of the input metrics the server measures per request (the names of
/// `MonitoredMetrics`), fast enough to run the drift monitor over hundreds of independent
/// streams. Levels in dBFS: a speech level varying ±4 dB between speakers and 1.5 dB between
/// utterances over a recording noise floor near −62 dBFS. The shifts are applied to the signal
/// components before the metrics are derived, as they would be in the audio: a 20 dB volume
/// drop lowers speech and floor alike (the SNR stays); car noise adds low-frequency rumble near
/// −30 dBFS, which K-weighted loudness damps by about 10 dB.
struct MetricStreamModel {
    enum Shift: String, CaseIterable { case none, volumeDrop20dB = "20 dB volume drop", carNoise = "car noise" }

    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D) }

    mutating func request(_ shift: Shift) -> [String: Double] {
        var speech = -26 + Double.random(in: -4...4, using: &random) + random.normal(mean: 0, deviation: 1.5)
        var floor = random.normal(mean: -62, deviation: 2)
        var rumble = -Double.infinity
        switch shift {
        case .none: break
        case .volumeDrop20dB:
            speech -= 20
            floor -= 20
        case .carNoise: rumble = random.normal(mean: -30, deviation: 3)
        }
        let noise = Self.powerSum([floor, rumble])
        return [
            "duration": Double.random(in: 0.5...4, using: &random),
            "rms_dbfs": Self.powerSum([speech, noise]),
            "loudness_lufs": Self.powerSum([speech, floor, rumble - 10]) - 0.7 + random.normal(mean: 0, deviation: 0.5),
            "peak_dbfs": max(speech + random.normal(mean: 11, deviation: 1.5), rumble + 9),
            "snr_db": speech - noise,
        ]
    }

    /// Levels in dB added as powers.
    static func powerSum(_ levels: [Double]) -> Double {
        10 * log10(levels.reduce(0) { $0 + pow(10, $1 / 10) })
    }

    /// A model's reference statistics: `count` unshifted requests.
    mutating func reference(count: Int) throws -> [String: ReferenceDistribution] {
        let rows = (0..<count).map { _ in request(.none) }
        var result: [String: ReferenceDistribution] = [:]
        for name in rows[0].keys { result[name] = try ReferenceDistribution(values: rows.compactMap { $0[name] }) }
        return result
    }
}

/// What one seed's traffic did: the request of the first alarm in an unshifted stream (nil: none),
/// and, for each shift applied after the warm-up, the requests after the shift until the first
/// alarm (nil: none within the limit).
struct SeedOutcome: Sendable {
    var falseAlarmAt: Int?
    var delays: [MetricStreamModel.Shift: Int?] = [:]
}

/// The drift monitor's error rates measured over many seeds: each seed draws its own reference
/// (1,000 training requests) and its own traffic, and the monitor is evaluated after every
/// request, as the server does. `swift test --filter DriftRateTests` prints the figures the
/// README quotes.
@Suite(.timeLimit(.minutes(5))) struct DriftRateTests {
    static let seeds: [UInt64] = Array(1...200)
    /// Unshifted requests before a shift: the window is full of normal traffic when it starts.
    static let warmUp = 150
    /// The unshifted stream's length, beyond the 150 + 60 of a shifted one.
    static let streamLength = 250
    static let delayLimit = 60

    /// Requests from the monitor's current state until any metric alarms, at most `limit`.
    static func firstAlarm(_ monitor: inout DriftMonitor, _ model: inout MetricStreamModel, _ shift: MetricStreamModel.Shift,
                           limit: Int) -> Int? {
        for request in 1...limit {
            monitor.observe(model.request(shift))
            if monitor.evaluate().contains(where: \.alarm) { return request }
        }
        return nil
    }

    /// One seed: the warm-up, then (from copies of the same monitor and generator) the rest of the
    /// unshifted stream and each shift.
    static func outcome(seed: UInt64) throws -> SeedOutcome {
        var model = MetricStreamModel(seed: seed)
        var monitor = try DriftMonitor(reference: try model.reference(count: 1_000))
        var result = SeedOutcome()
        result.falseAlarmAt = firstAlarm(&monitor, &model, .none, limit: warmUp)
        for shift in MetricStreamModel.Shift.allCases where shift != .none {
            var (shiftedMonitor, shiftedModel) = (monitor, model)
            result.delays[shift] = firstAlarm(&shiftedMonitor, &shiftedModel, shift, limit: delayLimit)
        }
        if result.falseAlarmAt == nil {
            result.falseAlarmAt = firstAlarm(&monitor, &model, .none, limit: streamLength - warmUp).map { warmUp + $0 }
        }
        return result
    }

    /// Every seed, on all cores; results in seed order. The work runs on Dispatch's threads, not
    /// Swift concurrency's: seconds of CPU on the cooperative pool would starve the other suites'
    /// servers running beside this one.
    static func outcomes() async throws -> [SeedOutcome] {
        let results = Mutex([Result<SeedOutcome, any Error>?](repeating: nil, count: seeds.count))
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                DispatchQueue.concurrentPerform(iterations: seeds.count) { index in
                    let value = Result { try Self.outcome(seed: seeds[index]) }
                    results.withLock { $0[index] = value }
                }
                done.resume()
            }
        }
        return try results.withLock { $0 }.map { try #require($0).get() }
    }

    /// One-sided 95% Clopper–Pearson upper bound on a rate after `k` events in `n` trials.
    static func upperBound95(events k: Int, trials n: Int) -> Double {
        var low = Double(k) / Double(n), high = 1.0
        for _ in 0..<60 {
            let p = (low + high) / 2
            var term = pow(1 - p, Double(n)), cumulative = term  // P(X ≤ k | n, p)
            if k > 0 { for i in 1...k { term *= Double(n - i + 1) / Double(i) * p / (1 - p); cumulative += term } }
            if cumulative > 0.05 { low = p } else { high = p }
        }
        return high
    }

    /// 200 seeds: unshifted streams of 250 requests alarm in at most 2% of them (4 of 200); a
    /// 20 dB volume drop and added car noise, after 150 unshifted requests, alarm within 60
    /// requests in every seed whose warm-up was quiet.
    @Test func falseAlarmRateAndDetectionDelayOverTwoHundredSeeds() async throws {
        let outcomes = try await Self.outcomes()
        let falseAlarms = outcomes.compactMap(\.falseAlarmAt)
        let bound = Self.upperBound95(events: falseAlarms.count, trials: outcomes.count)
        print("drift false alarms: \(falseAlarms.count) of \(outcomes.count) unshifted streams of \(Self.streamLength) requests "
              + "(95% upper bound \(String(format: "%.1f", bound * 100))%), at requests \(falseAlarms.sorted())")
        #expect(falseAlarms.count <= 4, "false-alarm rate \(falseAlarms.count)/\(outcomes.count) above 2%")

        let quiet = outcomes.filter { ($0.falseAlarmAt ?? .max) > Self.warmUp }
        for shift in MetricStreamModel.Shift.allCases where shift != .none {
            let delays = quiet.map { $0.delays[shift] ?? nil }
            let detected = delays.compactMap { $0 }.sorted()
            #expect(detected.count == quiet.count, "\(shift.rawValue): \(quiet.count - detected.count) seeds without an alarm in \(Self.delayLimit) requests")
            guard let last = detected.last else { continue }
            let quantile = { (q: Double) in detected[min(detected.count - 1, Int((q * Double(detected.count)).rounded(.up)) - 1)] }
            print("drift detection delay, \(shift.rawValue): \(detected.count) of \(quiet.count) seeds; requests after the shift: "
                  + "min \(detected[0]), median \(quantile(0.5)), p90 \(quantile(0.9)), max \(last)")
        }
    }

    @Test func upperBoundMatchesTheRuleOfThree() {
        #expect(abs(Self.upperBound95(events: 0, trials: 200) - (1 - pow(0.05, 1.0 / 200))) < 1e-6)
        #expect(Self.upperBound95(events: 2, trials: 200) > Self.upperBound95(events: 1, trials: 200))
    }

    /// The window kept sorted incrementally holds exactly the last `capacity` values.
    @Test func slidingWindowStaysSorted() {
        var random = SplitMix64(seed: 9)
        var window = RingBuffer(capacity: 50)
        var all: [Double] = []
        for index in 0..<500 {
            let value = index % 7 == 0 ? 1.0 : random.normal(mean: 0, deviation: 1)  // ties too
            window.append(value)
            all.append(value)
            #expect(window.sortedValues == all.suffix(50).sorted())
        }
    }
}
