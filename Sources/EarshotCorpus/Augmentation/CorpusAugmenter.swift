import EarshotAudio
import EarshotCore
import Foundation

/// Augments every utterance of a manifest into new WAV files and a manifest whose tags record
/// each applied augmentation. Each output has its own random stream (seed, input, copy), so
/// the result does not depend on how the work is spread over cores.
public struct CorpusAugmenter: Sendable {
    public var policy: AugmentationPolicy
    public var seed: UInt64
    /// Augmented copies made of each input utterance.
    public var copies: Int
    /// Rate the inputs are brought to before augmenting (the telephone channel then makes 8 kHz);
    /// nil keeps each input's own rate.
    public var sampleRate: Int?
    /// Also list the unchanged inputs in the output manifest.
    public var includeOriginals: Bool
    /// How many other utterances are loaded to make babble from.
    public var babblePoolSize: Int
    public var augmenter: Augmenter

    public init(policy: AugmentationPolicy = AugmentationPolicy(), seed: UInt64, copies: Int = 1, sampleRate: Int? = 16000,
                includeOriginals: Bool = false, babblePoolSize: Int = 24, augmenter: Augmenter = Augmenter()) {
        self.policy = policy
        self.seed = seed
        self.copies = copies
        self.sampleRate = sampleRate
        self.includeOriginals = includeOriginals
        self.babblePoolSize = babblePoolSize
        self.augmenter = augmenter
    }

    /// Augments `manifest` (stored at `manifestPath`) into `directory`: `wav/<id>-aug<k>.wav`,
    /// audio paths relative to `directory`; the caller writes the manifest.
    public func augment(_ manifest: Manifest, manifestPath: String, into directory: String,
                        progress: @escaping @Sendable (_ failed: Bool) -> Void = { _ in }) async throws(CorpusError) -> BatchResult {
        if let problem = policy.problem() { throw .invalidArgument(problem) }
        guard copies >= 1 else { throw .invalidArgument("copies \(copies) must be at least 1") }
        let babble = loadBabblePool(manifest, manifestPath: manifestPath)
        // Babble needs at least one other talker for every utterance.
        var usable = self.policy
        if babble.count < 2 {
            usable.noiseKinds.removeAll { $0 == .babble }
            if usable.noiseKinds.isEmpty { usable.noiseProbability = 0 }
        }
        let policy = usable
        let inputPaths = Set(manifest.entries.map { Manifest.audioPath(of: $0, manifestPath: manifestPath) })
        let entries = manifest.entries
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var results: [(Int, [Result<ManifestEntry, ItemFailure>])] = []
        await withTaskGroup(of: (Int, [Result<ManifestEntry, ItemFailure>]).self) { group in
            var next = 0
            func launch() {
                let index = next
                next += 1
                group.addTask { [self] in
                    (index, augmentOne(entries[index], index: index, policy: policy, manifestPath: manifestPath,
                                       directory: directory, babble: babble, inputPaths: inputPaths))
                }
            }
            while next < min(workers, entries.count) { launch() }
            for await done in group {
                results.append(done)
                progress(done.1.contains { $0.isFailure })
                if next < entries.count { launch() }
            }
        }
        results.sort { $0.0 < $1.0 }
        var output: [ManifestEntry] = [], failures: [ItemFailure] = []
        for (index, items) in results {
            if includeOriginals && !items.contains(where: \.isFailure) {
                var original = entries[index]
                original.audio = Manifest.relativePath(Manifest.audioPath(of: original, manifestPath: manifestPath), from: directory)
                output.append(original)
            }
            for item in items {
                switch item {
                case .success(let entry): output.append(entry)
                case .failure(let failure): failures.append(failure)
                }
            }
        }
        return BatchResult(manifest: Manifest(entries: output), failures: failures)
    }

    private func augmentOne(_ entry: ManifestEntry, index: Int, policy: AugmentationPolicy, manifestPath: String, directory: String,
                            babble: [(id: String, samples: [Float])], inputPaths: Set<String>) -> [Result<ManifestEntry, ItemFailure>] {
        let source: Waveform
        do throws(CorpusError) {
            source = try AudioOutput.readMono(path: Manifest.audioPath(of: entry, manifestPath: manifestPath),
                                              sampleRate: sampleRate, converter: augmenter.converter)
        } catch {
            return [.failure(ItemFailure(item: entry.id, error: error))]
        }
        // Babble is made of other people: never of the utterance itself.
        let others = babble.filter { $0.id != entry.id }.map(\.samples)
        return (1...copies).map { copy in
            let id = "\(entry.id)-aug\(copy)"
            return Result { () throws(CorpusError) in
                var generator = SplitMix64(seed: seed, index: UInt64(index * copies + copy - 1), stream: 1)
                let plan = policy.plan(using: &generator)
                let (audio, clipped) = try augmenter.apply(plan, to: source, babble: others, using: &generator)
                let relative = "wav/\(id).wav"
                let path = Manifest.resolve(relative, relativeTo: directory)
                guard !inputPaths.contains(path) else { throw .writeFailed(path: path, reason: "would overwrite an input") }
                try AudioOutput.writeWAV(audio, to: path)
                var tags = entry.tags.merging(plan.tags) { _, new in new }
                tags["augmented_from"] = entry.id
                if clipped { tags["clipped"] = "yes" }
                return ManifestEntry(id: id, audio: relative, text: entry.text, duration: audio.durationSeconds,
                                     speaker: entry.speaker, tags: tags)
            }.mapError { ItemFailure(item: entry.id, error: $0) }
        }
    }

    /// A seeded sample of the corpus's utterances, mono at the working rate; unreadable ones
    /// are skipped here (they are reported when their own turn comes).
    private func loadBabblePool(_ manifest: Manifest, manifestPath: String) -> [(id: String, samples: [Float])] {
        guard policy.noiseKinds.contains(.babble), policy.noiseProbability > 0 else { return [] }
        var generator = SplitMix64(seed: seed, index: 0, stream: 2)
        let chosen = manifest.entries.shuffled(using: &generator).prefix(babblePoolSize)
        return chosen.compactMap { entry in
            guard let audio = try? AudioOutput.readMono(path: Manifest.audioPath(of: entry, manifestPath: manifestPath),
                                                        sampleRate: sampleRate, converter: augmenter.converter) else { return nil }
            return (entry.id, audio.samples)
        }
    }
}
