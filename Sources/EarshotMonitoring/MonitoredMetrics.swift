import EarshotPersistence
import EarshotRecognizer
import Foundation

/// One metric watched for drift. The raw value is the metric's name everywhere it is stored or
/// shown: a model bundle's reference statistics (written by training), the request log's
/// replay, `GET /v1/monitoring` and the Prometheus labels, so the names cannot drift apart.
public enum MonitoredMetric: String, CaseIterable, Sendable, Codable {
    // Input metrics: what the audio looked like (data drift).
    case duration
    case rmsDBFS = "rms_dbfs"
    case loudnessLUFS = "loudness_lufs"
    case peakDBFS = "peak_dbfs"
    case clippedFraction = "clipped_fraction"
    case snrDB = "snr_db"
    case sampleRate = "sample_rate"
    case silent
    // Output metrics: what the model made of it (concept-drift signals).
    case empty
    case confidence
    case wordsPerSecond = "words_per_second"
    case oovShare = "oov_share"

    public var isOutput: Bool { [.empty, .confidence, .wordsPerSecond, .oovShare].contains(self) }
    /// Whether `name` is an output metric's name.
    public static func isOutput(_ name: String) -> Bool { MonitoredMetric(rawValue: name)?.isOutput ?? false }
}

/// The input and output metrics watched for drift, computed the same way live (from a
/// recognition) and offline (from a request-log row), so `earshot monitor report` agrees with
/// `GET /v1/monitoring`.
public enum MonitoredMetrics {
    public static let outputNames = MonitoredMetric.allCases.filter(\.isOutput).map(\.rawValue)

    /// One request's metric values; unmeasurable ones are left out. `vocabulary`, when known,
    /// gives the share of transcript words the model's lexicon lacks.
    public static func values(
        audioSeconds: Double?, sampleRate: Int?, rmsDBFS: Double?, integratedLUFS: Double?, snrDB: Double?,
        clippedFraction: Double?, transcript: String?, confidence: Double?, peakDBFS: Double? = nil, vocabulary: Set<String>? = nil
    ) -> [String: Double] {
        var values: [MonitoredMetric: Double] = [:]
        values[.duration] = audioSeconds
        values[.peakDBFS] = peakDBFS
        values[.sampleRate] = sampleRate.map(Double.init)
        values[.rmsDBFS] = rmsDBFS
        values[.loudnessLUFS] = integratedLUFS
        values[.snrDB] = snrDB
        values[.clippedFraction] = clippedFraction
        if let rmsDBFS { values[.silent] = rmsDBFS < -60 ? 1 : 0 }
        if let transcript {
            let words = transcript.split(whereSeparator: \.isWhitespace)
            values[.empty] = words.isEmpty ? 1 : 0
            if let audioSeconds, audioSeconds > 0 { values[.wordsPerSecond] = Double(words.count) / audioSeconds }
            if let vocabulary, !words.isEmpty {
                values[.oovShare] = Double(words.filter { !vocabulary.contains(String($0).lowercased()) }.count) / Double(words.count)
            }
        }
        if let confidence, confidence.isFinite { values[.confidence] = confidence }
        return Dictionary(uniqueKeysWithValues: values.filter { $0.value.isFinite }.map { ($0.key.rawValue, $0.value) })
    }

    /// The values of one request-log row (a successful recognition).
    public static func values(row: RequestLogRow, vocabulary: Set<String>? = nil) -> [String: Double] {
        values(audioSeconds: row.audioSeconds, sampleRate: row.sampleRate, rmsDBFS: row.rmsDBFS, integratedLUFS: row.integratedLUFS,
               snrDB: row.snrDB, clippedFraction: row.clippedFraction, transcript: row.transcript, confidence: row.confidence,
               peakDBFS: row.peakDBFS, vocabulary: vocabulary)
    }
}

/// Reference statistics as a model bundle stores them (`BundleMetadata.referenceStatistics`):
/// per metric, its training values sorted.
public enum DriftReference {
    /// Reads a model bundle's reference statistics (`.earshot`), or a JSON file
    /// `{"metric": [values...], ...}`; each metric becomes a `ReferenceDistribution`.
    public static func load(path: String) throws(MonitoringError) -> [String: ReferenceDistribution] {
        if path.hasSuffix(".earshot") {
            do {
                return try distributions(try ModelBundle(path: path).metadata.referenceStatistics, source: path)
            } catch let error as MonitoringError {
                throw error
            } catch {
                throw .invalidSetting("\(path): \(error)")
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidSetting("\(path): cannot read the reference statistics")
        }
        guard let arrays = try? JSONDecoder().decode([String: [Double]].self, from: data) else {
            throw .invalidSetting("\(path): reference statistics must be JSON {\"metric\": [numbers...]}")
        }
        return try distributions(arrays, source: path)
    }

    public static func distributions(_ arrays: [String: [Double]], source: String) throws(MonitoringError) -> [String: ReferenceDistribution] {
        var result: [String: ReferenceDistribution] = [:]
        for (name, values) in arrays {
            do {
                result[name] = try ReferenceDistribution(values: values)
            } catch {
                throw .invalidSetting("\(source): metric '\(name)': \(error.description)")
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
