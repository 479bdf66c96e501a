import EarshotCore
/// Splits a manifest so that no speaker (or voice) is in two parts: a test set must not
/// contain anyone the model heard in training.
public enum SpeakerSplit {
    /// What groups utterances: the `speaker` field or the value of a tag (e.g. `voice`, which
    /// keeps all variants of one eSpeak NG voice together).
    public enum Grouping: Sendable, Equatable {
        case speaker
        case tag(String)

        func key(of entry: ManifestEntry) -> String {
            switch self {
            case .speaker: entry.speaker
            case .tag(let name): entry.tags[name] ?? entry.speaker
            }
        }
    }

    /// Splits by group into parts sized (in utterances) close to `ratios`, named as given.
    /// Groups are shuffled with `seed`, then each goes to the part furthest below its target;
    /// every part with a positive ratio gets at least one group.
    public static func split(_ manifest: Manifest, ratios: [(name: String, ratio: Double)], seed: UInt64,
                             by grouping: Grouping = .speaker) throws(CorpusError) -> [(name: String, manifest: Manifest)] {
        guard !ratios.isEmpty, ratios.allSatisfy({ $0.ratio >= 0 && $0.ratio.isFinite }),
              ratios.contains(where: { $0.ratio > 0 }) else {
            throw .invalidArgument("split ratios must be non-negative numbers, at least one positive")
        }
        guard Set(ratios.map(\.name)).count == ratios.count else { throw .invalidArgument("split names must differ") }
        var groups: [String: [ManifestEntry]] = [:]
        for entry in manifest.entries { groups[grouping.key(of: entry), default: []].append(entry) }
        let wanted = ratios.filter { $0.ratio > 0 }.count
        guard groups.count >= wanted else {
            throw .invalidArgument("\(groups.count) speakers cannot fill \(wanted) splits without sharing one")
        }
        var generator = SplitMix64(seed: seed)
        let order = groups.keys.sorted().shuffled(using: &generator)
        let total = Double(manifest.entries.count)
        let ratioSum = ratios.reduce(0) { $0 + $1.ratio }
        let targets = ratios.map { total * $0.ratio / ratioSum }
        var assigned = [[String]](repeating: [], count: ratios.count)
        var counts = [Double](repeating: 0, count: ratios.count)
        for key in order {
            // The part furthest below its target, preferring parts still empty.
            let part = ratios.indices.filter { targets[$0] > 0 }.max { a, b in
                let emptyA = assigned[a].isEmpty, emptyB = assigned[b].isEmpty
                if emptyA != emptyB { return emptyB }
                return targets[a] - counts[a] < targets[b] - counts[b]
            } ?? 0
            assigned[part].append(key)
            counts[part] += Double(groups[key]?.count ?? 0)
        }
        return ratios.indices.map { part in
            let members = Set(assigned[part])
            return (ratios[part].name, Manifest(entries: manifest.entries.filter { members.contains(grouping.key(of: $0)) }))
        }
    }

    /// One fold per group: that group's utterances as the test set, everyone else as training.
    public static func leaveOneOut(_ manifest: Manifest, by grouping: Grouping = .speaker)
        -> [(heldOut: String, train: Manifest, test: Manifest)] {
        let keys = Set(manifest.entries.map(grouping.key(of:))).sorted()
        return keys.map { key in
            let test = manifest.entries.filter { grouping.key(of: $0) == key }
            let train = manifest.entries.filter { grouping.key(of: $0) != key }
            return (key, Manifest(entries: train), Manifest(entries: test))
        }
    }
}
