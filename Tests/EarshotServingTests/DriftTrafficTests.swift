import EarshotAudio
import EarshotMonitoring
@testable import EarshotServing
import Foundation
import Testing

/// Synthesized voice-search traffic: syllable-like noise bursts over a quiet floor, with the
/// level varying per speaker. The shifts the issue names: a 20 dB volume drop, added car noise.
struct TrafficSynthesizer {
    enum Shift { case none, volumeDrop20dB, carNoise }

    private var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9e37_79b9_7f4a_7c15 | 1 }

    mutating func uniform() -> Float {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return Float(state >> 40) / Float(1 << 24)
    }

    mutating func clip(_ shift: Shift, sampleRate: Int = 8000) -> Waveform {
        let count = Int(Double(sampleRate) * Double(0.5 + 0.5 * uniform()))
        let level = Float(0.05) * pow(10, (uniform() - 0.5) * 0.4)  // ±4 dB between speakers
        let syllable = sampleRate / 8
        var rumble: Float = 0
        var samples = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let position = i % syllable
            let envelope = position < syllable * 2 / 3 ? sin(Float.pi * Float(position) / Float(syllable * 2 / 3)) : 0
            var x = level * envelope * (uniform() * 2 - 1) + 0.0005 * (uniform() * 2 - 1)
            if shift == .carNoise {
                rumble = 0.98 * rumble + 0.02 * (uniform() * 2 - 1)  // low-passed: engine and road
                x += 0.25 * rumble
            }
            samples[i] = shift == .volumeDrop20dB ? x * 0.1 : x
        }
        return Waveform(samples: samples, sampleRate: sampleRate)
    }

    /// The input metrics the server computes for this clip.
    mutating func metrics(_ shift: Shift) throws -> [String: Double] {
        let waveform = clip(shift)
        let stats = try AudioStats(measuring: waveform)
        return MonitoredMetrics.values(
            audioSeconds: waveform.durationSeconds, sampleRate: stats.sampleRate, rmsDBFS: stats.rmsDBFS,
            integratedLUFS: stats.integratedLUFS, snrDB: stats.snrDB, clippedFraction: stats.clippedFraction,
            transcript: nil, confidence: nil)
    }
}

@Suite(.timeLimit(.minutes(5))) struct DriftTrafficTests {
    static func reference() throws -> [String: ReferenceDistribution] {
        var synthesizer = TrafficSynthesizer(seed: 1)
        let rows = try (0..<400).map { _ in try synthesizer.metrics(.none) }
        return try DriftReference.distributions(DriftReference.arrays(from: rows), source: "synthesized")
    }

    /// Requests after the shift until the first alarm (nil: none), after `clean` unshifted ones.
    static func requestsUntilAlarm(_ shift: TrafficSynthesizer.Shift, seed: UInt64, clean: Int, shifted: Int,
                                   reference: [String: ReferenceDistribution]) throws -> (Int?, [String]) {
        let monitor = try LiveMonitor(reference: reference)
        var synthesizer = TrafficSynthesizer(seed: seed)
        for _ in 0..<clean { #expect(monitor.observe(try synthesizer.metrics(.none)).isEmpty) }
        for index in 1...max(shifted, 1) where shifted > 0 {
            let raised = monitor.observe(try synthesizer.metrics(shift))
            if !raised.isEmpty { return (index, raised) }
        }
        return (nil, [])
    }

    @Test func aTwentyDecibelVolumeDropAlarmsWithinSixtyRequests() throws {
        let reference = try Self.reference()
        for seed: UInt64 in [11, 12, 13] {
            let (after, metrics) = try Self.requestsUntilAlarm(.volumeDrop20dB, seed: seed, clean: 150, shifted: 60, reference: reference)
            let count = try #require(after, "seed \(seed): no alarm")
            #expect(count <= 60)
            #expect(metrics.contains("rms_dbfs") || metrics.contains("loudness_lufs"))
        }
    }

    @Test func addedCarNoiseAlarmsWithinSixtyRequests() throws {
        let reference = try Self.reference()
        for seed: UInt64 in [21, 22, 23] {
            let (after, metrics) = try Self.requestsUntilAlarm(.carNoise, seed: seed, clean: 150, shifted: 60, reference: reference)
            let count = try #require(after, "seed \(seed): no alarm")
            #expect(count <= 60)
            #expect(metrics.contains("snr_db") || metrics.contains("rms_dbfs"), "\(metrics)")
        }
    }

    /// 10 streams of 250 unshifted requests: no alarm in any (false-alarm rate 0 of 10).
    @Test func anUnshiftedStreamRaisesNoAlarm() throws {
        let reference = try Self.reference()
        var falseAlarms = 0
        for seed: UInt64 in 100..<110 {
            let monitor = try LiveMonitor(reference: reference)
            var synthesizer = TrafficSynthesizer(seed: seed)
            var raised = false
            for _ in 0..<250 where !raised { raised = !monitor.observe(try synthesizer.metrics(.none)).isEmpty }
            if raised { falseAlarms += 1 }
        }
        #expect(falseAlarms == 0)
    }
}

/// The monitor inside a running server: alarms in `/metrics`, the log and `/v1/monitoring`.
@Suite(.timeLimit(.minutes(5))) struct MonitoringRouteTests {
    @Test func quietAudioRaisesTheAlarmOnTheServer() async throws {
        // Reference: the loud test tone's levels; traffic: the same tone 20 dB down.
        var loud: [[String: Double]] = []
        for index in 0..<60 {
            let stats = try AudioStats(measuring: Waveform(samples: (0..<8000).map { 0.3 * sin(Float($0) * 0.3 + Float(index)) }, sampleRate: 16000))
            loud.append(MonitoredMetrics.values(audioSeconds: 0.5, sampleRate: 16000, rmsDBFS: (stats.rmsDBFS ?? 0) + Double(index % 7) * 0.1,
                                                integratedLUFS: nil, snrDB: nil, clippedFraction: nil, transcript: nil, confidence: nil))
        }
        let reference = try DriftReference.distributions(DriftReference.arrays(from: loud), source: "test")
        let server = try await TestServer.start { configuration in
            configuration.referenceStatistics = reference
            configuration.driftThresholds.window = 20
            configuration.driftThresholds.minimumSamples = 20
        }
        let quiet = try TestAudio.wav(seconds: 0.5, amplitude: 0.03)
        for _ in 0..<20 { #expect(try await server.send("POST", "/v1/transcribe", body: quiet).status == 200) }
        let report = try server.json(try await server.send("GET", "/v1/monitoring"))
        #expect((report["alarms"] as? [String])?.contains("rms_dbfs") == true)
        #expect((report["output"] as? [String: Any])?["empty_rate"] as? Double == 0)
        // Every key snake_case, the monitoring module's types included.
        #expect(Self.camelCaseKeys(report).isEmpty, "camelCase keys: \(Self.camelCaseKeys(report))")
        let rms = try #require((report["data_drift"] as? [[String: Any]])?.first { $0["metric"] as? String == "rms_dbfs" })
        #expect(rms["population_stability_index"] as? Double ?? 0 >= 0.25 && rms["ks_p_value"] as? Double ?? 1 < 0.001)
        #expect((report["thresholds"] as? [String: Any])?["minimum_samples"] as? Int == 20)
        let metrics = try await server.send("GET", "/metrics").text
        #expect(metrics.contains(#"earshot_drift_alarm{metric="rms_dbfs"} 1"#))
        #expect(metrics.contains("earshot_process_cpu_seconds "))
        #expect(server.logs.contains { $0.contains("drift alarm") && $0.contains("rms_dbfs") })
        try await server.stop()
    }

    /// Keys anywhere in a JSON value that contain an upper-case letter.
    static func camelCaseKeys(_ value: Any) -> [String] {
        if let object = value as? [String: Any] {
            return object.keys.filter { $0.contains { $0.isUppercase } } + object.values.flatMap(camelCaseKeys)
        }
        if let array = value as? [Any] { return array.flatMap(camelCaseKeys) }
        return []
    }
}
