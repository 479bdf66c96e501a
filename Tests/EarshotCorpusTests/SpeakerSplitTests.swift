import Testing
@testable import EarshotCorpus

@Suite(.timeLimit(.minutes(5))) struct SpeakerSplitTests {
    /// 30 speakers with 1 to 10 utterances each; voices group three speakers.
    static let manifest = Manifest(entries: (0..<30).flatMap { speaker in
        (0..<(1 + speaker % 10)).map { take in
            ManifestEntry(id: "s\(speaker)-\(take)", audio: "a.wav", text: "hi", duration: 1, speaker: "s\(speaker)",
                          tags: ["voice": "v\(speaker / 3)"])
        }
    })

    @Test(arguments: [SpeakerSplit.Grouping.speaker, .tag("voice")])
    func partsShareNoSpeakerAndCoverEverything(grouping: SpeakerSplit.Grouping) throws {
        let parts = try SpeakerSplit.split(Self.manifest, ratios: [("train", 0.8), ("dev", 0.1), ("test", 0.1)], seed: 1, by: grouping)
        #expect(parts.map(\.name) == ["train", "dev", "test"])
        var owners: [String: String] = [:]
        for part in parts {
            #expect(!part.manifest.entries.isEmpty)
            for entry in part.manifest.entries {
                let key = grouping.key(of: entry)
                #expect(owners[key, default: part.name] == part.name, "\(key) in two parts")
                owners[key] = part.name
            }
        }
        #expect(parts.reduce(0) { $0 + $1.manifest.entries.count } == Self.manifest.entries.count)
        let train = Double(parts[0].manifest.entries.count) / Double(Self.manifest.entries.count)
        #expect(abs(train - 0.8) < 0.1)
    }

    @Test func seedChoosesWhoGoesWhere() throws {
        let ratios = [("train", 0.5), ("test", 0.5)]
        let a = try SpeakerSplit.split(Self.manifest, ratios: ratios, seed: 1)
        let b = try SpeakerSplit.split(Self.manifest, ratios: ratios, seed: 1)
        let c = try SpeakerSplit.split(Self.manifest, ratios: ratios, seed: 2)
        #expect(a.map(\.manifest) == b.map(\.manifest))
        #expect(a.map(\.manifest) != c.map(\.manifest))
    }

    @Test func tooFewSpeakersIsAnError() {
        let two = Manifest(entries: Array(Self.manifest.entries.prefix(3)))
        #expect(throws: CorpusError.self) { try SpeakerSplit.split(two, ratios: [("a", 1), ("b", 1), ("c", 1)], seed: 0) }
        #expect(throws: CorpusError.self) { try SpeakerSplit.split(two, ratios: [("a", -1)], seed: 0) }
    }

    @Test func leaveOneOutHoldsOutEachSpeakerOnce() {
        let folds = SpeakerSplit.leaveOneOut(Self.manifest)
        #expect(folds.count == 30)
        for fold in folds {
            #expect(fold.test.entries.allSatisfy { $0.speaker == fold.heldOut })
            #expect(fold.train.entries.allSatisfy { $0.speaker != fold.heldOut })
            #expect(fold.train.entries.count + fold.test.entries.count == Self.manifest.entries.count)
        }
    }
}
