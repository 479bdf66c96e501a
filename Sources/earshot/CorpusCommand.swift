import ArgumentParser
import EarshotCorpus
import Foundation

/// `earshot corpus`: make, augment, import, convert and split speech corpora.
struct CorpusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Make, augment, import, convert and split speech corpora (JSONL manifests).",
        discussion: """
        A manifest is JSON Lines, one utterance a line: id, audio (relative to the manifest), \
        text, duration (s), speaker, tags.

        Examples:
          earshot corpus synth --count 1000 --seed 7 --out data/synth
          earshot corpus augment data/synth/manifest.jsonl --seed 1 --out data/synth-aug
          earshot corpus import-fsdd ../shared/data/fsdd/recordings --out data/fsdd/manifest.jsonl
          earshot corpus split data/synth/manifest.jsonl --ratios train=0.8,dev=0.1,test=0.1 --out data/splits
          earshot corpus convert data/synth/manifest.jsonl --to kaldi --out data/kaldi
        """,
        subcommands: [CorpusSynthCommand.self, CorpusAugmentCommand.self, CorpusImportFSDDCommand.self,
                      CorpusSplitCommand.self, CorpusConvertCommand.self, CorpusInfoCommand.self]
    )
}

/// Shared output conventions of the corpus commands.
enum CorpusOutput {
    /// Reports each failure on standard error, naming the item and reason.
    static func report(_ failures: [ItemFailure]) {
        for failure in failures { FileHandle.standardError.write(Data("error: \(failure.description)\n".utf8)) }
    }

    /// One JSON object on standard output, keys sorted.
    static func printJSON(_ object: [String: Any]) {
        if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
            print(String(decoding: data, as: UTF8.self))
        }
    }

    /// Exits 1 when some inputs failed (after everything else was written).
    static func finish(failures: [ItemFailure]) throws {
        report(failures)
        if !failures.isEmpty { throw EarshotExit.someInputsFailed }
    }

    /// Parses `a,b,c` lists of numbers for options.
    static func numbers(_ text: String, option: String) throws -> [Double] {
        try text.split(separator: ",").map { item in
            guard let value = Double(item.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("\(option): \"\(item)\" is not a number")
            }
            return value
        }
    }
}
