import ArgumentParser
import EarshotCorpus
import Foundation

/// `earshot corpus split`: speaker-disjoint splits and leave-one-speaker-out folds.
struct CorpusSplitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Split a manifest so that no speaker (or voice) is in two parts.",
        discussion: """
        With --ratios, writes OUT/<name>.jsonl per part, sized in utterances close to the ratios. \
        With --leave-one-out, writes OUT/<speaker>/train.jsonl and test.jsonl per speaker. \
        --by voice groups by the voice tag (all variants of an eSpeak NG voice together).

        Examples:
          earshot corpus split data/synth/manifest.jsonl --ratios train=0.8,dev=0.1,test=0.1 --seed 3 --out data/splits
          earshot corpus split data/synth/manifest.jsonl --by voice --ratios train=0.75,test=0.25 --out data/by-voice
          earshot corpus split data/fsdd/manifest.jsonl --leave-one-out --out data/fsdd-folds
        """
    )

    @Argument(help: "Input manifest (JSONL).") var manifest: String
    @Option(help: "Output folder.") var out: String
    @Option(help: "Parts as name=ratio,...") var ratios = "train=0.8,dev=0.1,test=0.1"
    @Option(help: "Random seed for which speaker goes where.") var seed: UInt64 = 0
    @Option(help: "Group by \"speaker\" or by a tag name such as \"voice\".") var by = "speaker"
    @Flag(help: "Write one fold per speaker instead of ratio splits.") var leaveOneOut = false
    @Flag(help: "Print one JSON object per written part.") var json = false

    func parsedRatios() throws -> [(name: String, ratio: Double)] {
        try ratios.split(separator: ",").map { pair in
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let ratio = Double(parts[1]), !parts[0].isEmpty, !parts[0].contains("/") else {
                throw ValidationError("--ratios: \"\(pair)\" is not name=ratio")
            }
            return (String(parts[0]), ratio)
        }
    }

    func validate() throws {
        _ = try parsedRatios()
    }

    func run() async throws {
        let input = try Manifest.read(path: manifest)
        let grouping: SpeakerSplit.Grouping = by == "speaker" ? .speaker : .tag(by)
        var written: [(name: String, path: String, manifest: Manifest)] = []
        if leaveOneOut {
            for fold in SpeakerSplit.leaveOneOut(input, by: grouping) {
                let folder = out + "/" + fold.heldOut.replacingOccurrences(of: "/", with: "_")
                written.append(("\(fold.heldOut)/train", folder + "/train.jsonl", fold.train))
                written.append(("\(fold.heldOut)/test", folder + "/test.jsonl", fold.test))
            }
        } else {
            for part in try SpeakerSplit.split(input, ratios: try parsedRatios(), seed: seed, by: grouping) {
                written.append((part.name, out + "/" + part.name + ".jsonl", part.manifest))
            }
        }
        for part in written {
            try part.manifest.rebased(from: manifest, to: part.path).write(to: part.path)
            let speakers = Set(part.manifest.entries.map { grouping == .speaker ? $0.speaker : ($0.tags[by] ?? $0.speaker) })
            if json {
                CorpusOutput.printJSON(["part": part.name, "manifest": part.path, "utterances": part.manifest.entries.count,
                                        "speakers": speakers.sorted()])
            } else {
                print("\(part.path): \(part.manifest.entries.count) utterances, \(speakers.count) speakers")
            }
        }
    }
}
