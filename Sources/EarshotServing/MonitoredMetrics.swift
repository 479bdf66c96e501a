import EarshotMonitoring
import EarshotPersistence
import EarshotRecognizer
import Foundation

/// The input and output metrics watched for drift, computed the same way live (from a
/// recognition) and offline (from a request-log row), so `earshot monitor report` agrees with
/// `GET /v1/monitoring`.
public enum MonitoredMetrics {
    /// Input metrics: what the audio looked like.
    /// Named as the model bundle's reference statistics name them (EarshotRecognizer).
    public static let inputNames = ["duration", "rms_dbfs", "loudness_lufs", "peak_dbfs", "clipped_fraction", "snr_db", "sample_rate", "silent"]
    /// Output metrics: what the model made of it (concept-drift signals).
    public static let outputNames = ["empty", "confidence", "words_per_second", "oov_share"]

    /// One request's metric values; unmeasurable ones are left out. `vocabulary`, when known,
    /// gives the share of transcript words the model's lexicon lacks.
    public static func values(
        audioSeconds: Double?, sampleRate: Int?, rmsDBFS: Double?, integratedLUFS: Double?, snrDB: Double?,
        clippedFraction: Double?, transcript: String?, confidence: Double?, peakDBFS: Double? = nil, vocabulary: Set<String>? = nil
    ) -> [String: Double] {
        var values: [String: Double] = [:]
        values["duration"] = audioSeconds
        values["peak_dbfs"] = peakDBFS
        values["sample_rate"] = sampleRate.map(Double.init)
        values["rms_dbfs"] = rmsDBFS
        values["loudness_lufs"] = integratedLUFS
        values["snr_db"] = snrDB
        values["clipped_fraction"] = clippedFraction
        if let rmsDBFS { values["silent"] = rmsDBFS < -60 ? 1 : 0 }
        if let transcript {
            let words = transcript.split(whereSeparator: \.isWhitespace)
            values["empty"] = words.isEmpty ? 1 : 0
            if let audioSeconds, audioSeconds > 0 { values["words_per_second"] = Double(words.count) / audioSeconds }
            if let vocabulary, !words.isEmpty {
                values["oov_share"] = Double(words.filter { !vocabulary.contains(String($0).lowercased()) }.count) / Double(words.count)
            }
        }
        if let confidence, confidence.isFinite { values["confidence"] = confidence }
        return values.filter { $0.value.isFinite }
    }

    /// The values of one request-log row (a successful recognition).
    public static func values(row: RequestLogRow, vocabulary: Set<String>? = nil) -> [String: Double] {
        values(audioSeconds: row.audioSeconds, sampleRate: row.sampleRate, rmsDBFS: row.rmsDBFS, integratedLUFS: row.integratedLUFS,
               snrDB: row.snrDB, clippedFraction: row.clippedFraction, transcript: row.transcript, confidence: row.confidence,
               peakDBFS: row.peakDBFS, vocabulary: vocabulary)
    }

    /// The values of a live recognition.
    public static func values(_ done: Transcription, vocabulary: Set<String>? = nil) -> [String: Double] {
        let stats = done.audioStats
        return values(audioSeconds: done.audioSeconds, sampleRate: stats?.sampleRate, rmsDBFS: stats?.rmsDBFS,
                      integratedLUFS: stats?.integratedLUFS, snrDB: stats?.snrDB, clippedFraction: stats?.clippedFraction,
                      transcript: done.transcript.text, confidence: done.transcript.confidence, peakDBFS: stats?.peakDBFS,
                      vocabulary: vocabulary)
    }
}

/// Reference statistics as a model bundle stores them (`BundleMetadata.referenceStatistics`):
/// per metric, its training values sorted.
public enum DriftReference {
    /// Reads a model bundle's reference statistics (`.earshot`), or a JSON file
    /// `{"metric": [values...], ...}`; each metric becomes a `ReferenceDistribution`.
    public static func load(path: String) throws(ServingError) -> [String: ReferenceDistribution] {
        if path.hasSuffix(".\(ModelCatalog.fileExtension)") {
            do {
                return try distributions(try ModelBundle(path: path).metadata.referenceStatistics, source: path)
            } catch let error as ServingError {
                throw error
            } catch {
                throw .invalidConfiguration("\(path): \(error)")
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidConfiguration("\(path): cannot read the reference statistics")
        }
        guard let arrays = try? JSONDecoder().decode([String: [Double]].self, from: data) else {
            throw .invalidConfiguration("\(path): reference statistics must be JSON {\"metric\": [numbers...]}")
        }
        return try distributions(arrays, source: path)
    }

    public static func distributions(_ arrays: [String: [Double]], source: String) throws(ServingError) -> [String: ReferenceDistribution] {
        var result: [String: ReferenceDistribution] = [:]
        for (name, values) in arrays {
            do {
                result[name] = try ReferenceDistribution(values: values)
            } catch {
                throw .invalidConfiguration("\(source): metric '\(name)': \(error.description)")
            }
        }
        return result
    }

    /// Per-metric value arrays from rows (e.g. a baseline period of the request log), sorted.
    public static func arrays(from rows: [[String: Double]]) -> [String: [Double]] {
        var arrays: [String: [Double]] = [:]
        for row in rows { for (name, value) in row { arrays[name, default: []].append(value) } }
        return arrays.mapValues { $0.sorted() }
    }
}
