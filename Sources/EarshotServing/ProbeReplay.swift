import EarshotCore
import EarshotRollout
import EarshotScoring
import Foundation

/// A labelled probe set replayed through the server's own engine for the canary's quality gate:
/// each utterance is recognized by the primary and by the candidate, and both WERs go to the
/// rollout as evidence.
public struct ProbeSet: Sendable, Equatable {
    public struct Item: Sendable, Equatable, Codable {
        public var audio: String
        public var text: String
    }

    public var items: [Item]

    /// Reads a JSON-lines manifest with `audio` (relative to the manifest) and `text` fields.
    public init(manifest path: String) throws(ServingError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidConfiguration("\(path): cannot read the probe manifest")
        }
        var items: [Item] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard var item = try? JSONDecoder().decode(Item.self, from: Data(line.utf8)) else {
                throw .invalidConfiguration("\(path):\(index + 1): a probe needs 'audio' and 'text'")
            }
            item.audio = ManifestPath.resolve(item.audio, manifestPath: path)
            items.append(item)
        }
        guard !items.isEmpty else { throw .invalidConfiguration("\(path): the probe manifest is empty") }
        self.items = items
    }

    /// Corpus WER of `model` on the set through `engine`. A recognition that fails counts as an
    /// empty transcript (every reference word deleted); one the server has no room for (full
    /// queue, deadline) is retried with backoff, and nil means the set could not be run.
    public func wer(model: String, engine: TranscriptionEngine, timeout: Duration, busyAttempts: Int = 8) async -> Double? {
        var pairs: [(reference: String, hypothesis: String)] = []
        for item in items {
            let bytes = FileManager.default.contents(atPath: item.audio).map { [UInt8]($0) } ?? []
            var hypothesis: String?
            var attempt = 0
            while hypothesis == nil {
                if Task.isCancelled { return nil }
                do {
                    hypothesis = try await engine.transcribe(
                        bytes, name: item.audio, model: model, deadline: .now + timeout, timeout: timeout).transcript.text
                } catch .overloaded, .deadlineExceeded {
                    attempt += 1
                    guard attempt < busyAttempts else { return nil }
                    try? await Task.sleep(for: .milliseconds(min(100 << attempt, 2_000)))
                } catch .shuttingDown {
                    return nil
                } catch {
                    hypothesis = ""
                }
            }
            pairs.append((item.text.lowercased(), hypothesis ?? ""))
        }
        return TranscriptWER.rate(pairs)
    }

    /// The replay the rollout runs at every canary step: both models' WERs on this set.
    public func runner(engine: TranscriptionEngine, timeout: Duration) -> RolloutController.ProbeRunner {
        let probes = self
        return { (primary: String, candidate: String) async -> (primaryWER: Double, candidateWER: Double)? in
            guard let primaryWER = await probes.wer(model: primary, engine: engine, timeout: timeout),
                  let candidateWER = await probes.wer(model: candidate, engine: engine, timeout: timeout) else { return nil }
            return (primaryWER, candidateWER)
        }
    }
}
