import ArgumentParser
import EarshotCorpus
import Foundation

/// `earshot corpus convert`: JSONL manifests to and from Kaldi data directories and CSV.
struct CorpusConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert between JSONL manifests, Kaldi data directories and CSV.",
        discussion: """
        The input format is found from the input: a folder is a Kaldi data directory (wav.scp, \
        text, utt2spk, optional segments and utt2dur), a .csv file is CSV, anything else JSONL. \
        Kaldi exports write absolute audio paths, spk2utt and utt2dur; tags do not survive Kaldi.

        Examples:
          earshot corpus convert data/synth/manifest.jsonl --to kaldi --out data/kaldi/synth
          earshot corpus convert data/kaldi/synth --to jsonl --out data/synth/from-kaldi.jsonl
          earshot corpus convert data/synth/manifest.jsonl --to csv --out synth.csv
        """
    )

    @Argument(help: "Input: a manifest (.jsonl), a CSV file (.csv) or a Kaldi data directory.") var input: String
    @Option(help: "Output format: jsonl, csv or kaldi.") var to: String
    @Option(help: "Output file (jsonl, csv) or folder (kaldi).") var out: String

    func validate() throws {
        guard ["jsonl", "csv", "kaldi"].contains(to) else { throw ValidationError("--to must be jsonl, csv or kaldi") }
        let here = FileManager.default.currentDirectoryPath
        if Manifest.resolve(input, relativeTo: here) == Manifest.resolve(out, relativeTo: here) {
            throw ValidationError("--out must differ from the input")
        }
    }

    func run() async throws {
        // Audio paths of `manifest` are relative to the folder of `manifestPath`.
        let (manifest, manifestPath) = try read()
        switch to {
        case "kaldi":
            try KaldiDataDirectory.export(manifest, manifestPath: manifestPath, to: out)
        case "csv":
            try ManifestCSV.write(manifest.rebased(from: manifestPath, to: out), to: out)
        default:
            try manifest.rebased(from: manifestPath, to: out).write(to: out)
        }
        print("\(out): \(manifest.entries.count) utterances")
    }

    private func read() throws -> (Manifest, String) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
            let here = FileManager.default.currentDirectoryPath
            let manifest = try KaldiDataDirectory.importDirectory(input, baseDirectory: here, manifestDirectory: here)
            return (manifest, here + "/manifest.jsonl")
        }
        if input.lowercased().hasSuffix(".csv") { return (try ManifestCSV.read(path: input), input) }
        return (try Manifest.read(path: input), input)
    }
}
