import ArgumentParser
import EarshotCorpus
import Foundation

/// `earshot corpus info`: what a manifest holds.
struct CorpusInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Summarize manifests: utterances, hours, speakers, vocabulary, tag values.",
        discussion: """
        Examples:
          earshot corpus info data/synth/manifest.jsonl
          earshot corpus info data/*/manifest.jsonl --json
        """
    )

    @Argument(help: "Manifests (JSONL).") var manifests: [String]
    @Flag(help: "One JSON object per manifest.") var json = false

    func run() async throws {
        var failures: [ItemFailure] = []
        for path in manifests {
            let read = Result { () throws(CorpusError) in try Manifest.read(path: path) }
            switch read {
            case .failure(let error):
                failures.append(ItemFailure(item: path, error: error))
            case .success(let manifest):
                let summary = ManifestSummary(manifest)
                if json {
                    CorpusOutput.printJSON(["manifest": path, "utterances": summary.utterances, "audio_seconds": summary.audioSeconds,
                                            "speakers": summary.speakers, "words": summary.vocabulary.count, "tags": summary.tagValues])
                } else {
                    print(String(format: "%@: %d utterances, %.2f h, %d speakers, %d distinct words", path, summary.utterances,
                                 summary.audioSeconds / 3600, summary.speakers, summary.vocabulary.count))
                    for (tag, values) in summary.tagValues.sorted(by: { $0.key < $1.key }) {
                        print("  \(tag): " + values.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
                    }
                }
            }
        }
        try CorpusOutput.finish(failures: failures)
    }
}
