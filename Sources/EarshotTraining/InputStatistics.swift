import EarshotAcousticModel
import EarshotAudio
import EarshotMonitoring
import EarshotRecognizer

/// Input-side reference statistics (what the model was trained on), measured on up to `limit`
/// clean training utterances, for drift monitoring.
enum InputStatistics {
    static func measure(_ utterances: [LabelledUtterance], limit: Int, seed: UInt64) -> [String: [Double]] {
        let sample = DevSample(utterances: utterances, limit: limit, seed: seed).utterances
        let stats = ParallelMap.map(sample) { utterance in
            try? AudioStats(measuring: Waveform(samples: utterance.samples, sampleRate: FeatureSettings.sampleRate))
        }
        var values: [MonitoredMetric: [Double]] = [:]
        for case let stat? in stats {
            values[.duration, default: []].append(stat.durationSeconds)
            values[.clippedFraction, default: []].append(stat.clippedFraction)
            if let v = stat.rmsDBFS { values[.rmsDBFS, default: []].append(v) }
            if let v = stat.integratedLUFS { values[.loudnessLUFS, default: []].append(v) }
            if let v = stat.snrDB { values[.snrDB, default: []].append(v) }
            if let v = stat.peakDBFS { values[.peakDBFS, default: []].append(v) }
        }
        // Keyed by the metric's name, as the bundle stores it and the server's monitor reads it.
        return Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) })
    }
}
