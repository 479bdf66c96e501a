import EarshotAcousticModel
import EarshotAudio
import EarshotCore
import EarshotCorpus
import EarshotRecognizer
import EarshotText
import Foundation
import Synchronization

/// One manifest row loaded for training: 16 kHz mono samples, the normalized text and its
/// character labels.
public struct LabelledUtterance: Sendable {
    public var id: String
    public var speaker: String
    public var text: String
    public var labels: [Int]
    public var samples: [Float]

    public var seconds: Double { Double(samples.count) / Double(FeatureSettings.sampleRate) }
}

/// A manifest read for training, with the rows that could not be used and why.
public struct TrainingSet: Sendable {
    public var utterances: [LabelledUtterance]
    public var failures: [(id: String, reason: String)]
    /// CRC-32 (hex) and size of the manifest's bytes, for the model's provenance.
    public var manifestHash: String

    /// Several manifests as one set (each row's audio resolved against its own manifest).
    public static func load(manifestPaths: [String], units: UnitInventory) throws -> TrainingSet {
        guard let first = manifestPaths.first else { throw TrainingError.noUsableUtterances(manifest: "(none)", reason: "no manifest given") }
        var set = try load(manifestPath: first, units: units)
        for path in manifestPaths.dropFirst() {
            let more = try load(manifestPath: path, units: units)
            set.utterances += more.utterances
            set.failures += more.failures
            set.manifestHash += "+" + more.manifestHash
        }
        return set
    }

    /// Reads every row's audio (resampled to 16 kHz mono) on all cores. Rows whose audio fails
    /// or whose text has characters outside `units` are skipped and reported.
    public static func load(manifestPath: String, units: UnitInventory) throws -> TrainingSet {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: manifestPath))
        } catch {
            throw TrainingError.unreadable(path: manifestPath, reason: error.localizedDescription)
        }
        let manifest: Manifest
        do {
            manifest = try Manifest.decode(jsonl: String(decoding: bytes, as: UTF8.self), source: manifestPath)
        } catch {
            throw TrainingError.unreadable(path: manifestPath, reason: error.description)
        }
        let results = ParallelMap.map(manifest.entries) { entry -> Result<LabelledUtterance, TrainingError> in
            let path = Manifest.audioPath(of: entry, manifestPath: manifestPath)
            let text = TextNormalizer.training.normalize(entry.text)
            do {
                let labels = try units.labels(forCharacters: text)
                guard !labels.isEmpty else { return .failure(.training(reason: "empty transcript")) }
                let audio = try AudioFile.decodeConverted(path: path, options: FeatureSettings.inputConversion).waveform
                return .success(LabelledUtterance(id: entry.id, speaker: entry.speaker, text: text, labels: labels, samples: audio.samples))
            } catch let error as AcousticModelError {
                return .failure(.training(reason: "transcript '\(text)': \(error.description)"))
            } catch {
                return .failure(.unreadable(path: path, reason: "\(error)"))
            }
        }
        var set = TrainingSet(utterances: [], failures: [],
                              manifestHash: String(format: "crc32:%08x:%d", CRC32.checksum(bytes), bytes.count))
        for (entry, result) in zip(manifest.entries, results) {
            switch result {
            case .success(let utterance): set.utterances.append(utterance)
            case .failure(let error): set.failures.append((entry.id, error.description))
            }
        }
        guard !set.utterances.isEmpty else {
            throw TrainingError.noUsableUtterances(manifest: manifestPath, reason: set.failures.first?.reason ?? "the manifest is empty")
        }
        return set
    }
}

/// Order-preserving map over all cores (work items are whole utterances, so the split is coarse).
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let results = ResultSlots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.set(index, transform(items[index]))
        }
        return results.values()
    }
}

/// Slots written once each from concurrent iterations.
final class ResultSlots<R: Sendable>: Sendable {
    private let slots: Mutex<[R?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: R) { slots.withLock { $0[index] = value } }

    /// Every slot's value (all are set once `concurrentPerform` returns).
    func values() -> [R] { slots.withLock { $0.compactMap { $0 } } }
}
