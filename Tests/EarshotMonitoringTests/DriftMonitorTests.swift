import EarshotCore
import Foundation
import Testing
@testable import EarshotMonitoring

@Suite(.timeLimit(.minutes(5))) struct DriftMonitorTests {
    static func monitor(seed: UInt64) throws -> (DriftMonitor, SplitMix64) {
        var random = SplitMix64(seed: seed)
        let loudness = (0..<5_000).map { _ in random.normal(mean: -23, deviation: 3) }
        let snr = (0..<5_000).map { _ in random.normal(mean: 30, deviation: 6) }
        let reference = ["loudness_lufs": try ReferenceDistribution(values: loudness), "snr_db": try ReferenceDistribution(values: snr)]
        return (try DriftMonitor(reference: reference), random)
    }

    /// Requests until the first alarm on `metric`, or nil if none within `limit`.
    static func requestsUntilAlarm(_ monitor: inout DriftMonitor, limit: Int, metric: String, every: Int = 1,
                                   next: () -> [String: Double]) -> Int? {
        for request in 1...limit {
            monitor.observe(next())
            guard request % every == 0 else { continue }
            if monitor.evaluate().contains(where: { $0.metric == metric && $0.alarm }) { return request }
        }
        return nil
    }

    /// After a warm-up of unshifted traffic, inputs 20 dB quieter raise the loudness alarm
    /// within 60 requests, and leave the SNR metric quiet.
    @Test(arguments: 1...5)
    func volumeDropRaisesTheAlarm(seed: UInt64) throws {
        var (monitor, random) = try Self.monitor(seed: seed)
        for _ in 0..<200 {
            monitor.observe(["loudness_lufs": random.normal(mean: -23, deviation: 3), "snr_db": random.normal(mean: 30, deviation: 6)])
        }
        let delay = Self.requestsUntilAlarm(&monitor, limit: 60, metric: "loudness_lufs") {
            ["loudness_lufs": random.normal(mean: -43, deviation: 3), "snr_db": random.normal(mean: 30, deviation: 6)]
        }
        #expect(delay != nil)
        #expect(monitor.evaluate().first { $0.metric == "snr_db" }?.alarm == false)
    }

    /// The false-alarm rate: 30 independent unshifted streams of 1,000 requests each, evaluated
    /// every 5 requests (the server evaluates after every request: `DriftRateTests` measures that), raise no alarm at all.
    @Test func unshiftedStreamsRaiseNoAlarm() throws {
        var streamsWithAlarm = 0
        for seed in 100..<130 {
            var (monitor, random) = try Self.monitor(seed: UInt64(seed))
            let alarm = Self.requestsUntilAlarm(&monitor, limit: 1_000, metric: "loudness_lufs", every: 5) {
                ["loudness_lufs": random.normal(mean: -23, deviation: 3), "snr_db": random.normal(mean: 30, deviation: 6)]
            }
            if alarm != nil { streamsWithAlarm += 1 }
        }
        #expect(streamsWithAlarm == 0)
    }

    @Test func noVerdictBeforeTheMinimumSamples() throws {
        var (monitor, _) = try Self.monitor(seed: 3)
        for _ in 0..<99 { monitor.observe(["loudness_lufs": -60]) }
        #expect(monitor.evaluate().allSatisfy { !$0.alarm })
        monitor.observe(["loudness_lufs": -60])
        #expect(monitor.evaluate().first { $0.metric == "loudness_lufs" }?.alarm == true)
    }

    /// Verdicts and thresholds are JSON in `GET /v1/monitoring`: snake_case like all of Earshot's.
    @Test func verdictsAndThresholdsEncodeSnakeCase() throws {
        var (monitor, _) = try Self.monitor(seed: 4)
        for _ in 0..<100 { monitor.observe(["loudness_lufs": -60]) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let verdict = try #require(monitor.evaluate().first { $0.metric == "loudness_lufs" })
        let keys = try #require(try JSONSerialization.jsonObject(with: encoder.encode(verdict)) as? [String: Any]).keys.sorted()
        #expect(keys == ["alarm", "current_median", "ks_p_value", "ks_statistic", "metric", "population_stability_index",
                         "reference_median", "samples"])
        let thresholds = try #require(try JSONSerialization.jsonObject(with: encoder.encode(DriftThresholds())) as? [String: Any])
        #expect(thresholds.keys.sorted() == ["ks_p_value", "minimum_samples", "population_stability_index", "window"])
        #expect(try JSONDecoder().decode(MetricDrift.self, from: encoder.encode(verdict)) == verdict)
    }

    @Test func rejectsImpossibleThresholds() {
        var thresholds = DriftThresholds()
        thresholds.minimumSamples = 500
        #expect(throws: MonitoringError.self) { _ = try DriftMonitor(reference: [:], thresholds: thresholds) }
    }
}
