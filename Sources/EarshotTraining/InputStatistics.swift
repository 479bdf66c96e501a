import EarshotAcousticModel
import EarshotAudio
import EarshotRecognizer

/// Input-side reference statistics (what the model was trained on), measured on up to `limit`
/// clean training utterances, for drift monitoring.
enum InputStatistics {
    static func measure(_ utterances: [LabelledUtterance], limit: Int, seed: UInt64) -> [String: [Double]] {
        let sample = DevSample(utterances: utterances, limit: limit, seed: seed).utterances
        let stats = ParallelMap.map(sample) { utterance in
            try? AudioStats(measuring: Waveform(samples: utterance.samples, sampleRate: FeatureSettings.sampleRate))
        }
        var values: [String: [Double]] = [:]
        for case let stat? in stats {
            values["duration", default: []].append(stat.durationSeconds)
            values["clipped_fraction", default: []].append(stat.clippedFraction)
            if let v = stat.rmsDBFS { values["rms_dbfs", default: []].append(v) }
            if let v = stat.integratedLUFS { values["loudness_lufs", default: []].append(v) }
            if let v = stat.snrDB { values["snr_db", default: []].append(v) }
            if let v = stat.peakDBFS { values["peak_dbfs", default: []].append(v) }
        }
        return values
    }
}
