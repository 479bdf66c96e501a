import ArgumentParser
import EarshotCorpus
import Foundation

/// `earshot corpus import-fsdd`: the Free Spoken Digit Dataset as a manifest.
struct CorpusImportFSDDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-fsdd",
        abstract: "Import Free Spoken Digit Dataset recordings ({digit}_{speaker}_{take}.wav) into a manifest.",
        discussion: """
        Labels are digit words (zero ... nine), the speaker comes from the file name, and tags are \
        source=fsdd, bandwidth=8k and fsdd_split (takes 0-4 are FSDD's test set). Files \
        with other names are reported on standard error; the rest are imported.

        Examples:
          earshot corpus import-fsdd ../shared/data/fsdd/recordings --out data/fsdd/manifest.jsonl
          earshot corpus import-fsdd recordings --part train --speakers george,jackson --out train.jsonl
        """
    )

    @Argument(help: "Folder of FSDD .wav files.") var directory: String
    @Option(help: "Output manifest (JSONL); audio paths are written relative to its folder.") var out: String
    @Option(help: "Which takes: all, train (5 and up) or test (0-4).") var part = "all"
    @Option(help: "Comma-separated speakers to keep (default: all).") var speakers: String?
    @Flag(help: "Print the summary as JSON.") var json = false

    func validate() throws {
        if FSDDImporter.Part(rawValue: part) == nil { throw ValidationError("--part must be all, train or test") }
    }

    func run() async throws {
        let keep = speakers.map { Set($0.split(separator: ",").map(String.init)) }
        let result = try FSDDImporter.importDirectory(directory, manifestDirectory: Manifest.directory(of: out),
                                                      part: FSDDImporter.Part(rawValue: part) ?? .all, speakers: keep)
        try result.manifest.write(to: out)
        if json {
            CorpusOutput.printJSON(["manifest": out, "utterances": result.manifest.entries.count, "failed": result.failures.count,
                                    "speakers": result.manifest.speakers, "audio_seconds": result.manifest.totalDuration])
        } else {
            print("\(out): \(result.manifest.entries.count) utterances from \(result.manifest.speakers.joined(separator: ", "))")
        }
        try CorpusOutput.finish(failures: result.failures)
    }
}
