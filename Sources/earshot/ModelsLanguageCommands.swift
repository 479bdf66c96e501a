import ArgumentParser
import EarshotRecognizer
import EarshotTraining
import Foundation

/// `earshot models export-lm`: a bundle's word n-gram LM as an ARPA file.
struct ModelsExportLMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-lm", abstract: "Write a bundle's word language model as an ARPA file.",
        discussion: """
        The ARPA file can be inspected, pruned or merged with other tools (KenLM, SRILM) and put \
        back with `earshot models set-lm --arpa`.

        Examples:
          earshot models export-lm model.earshot --out lm.arpa
          earshot models export-lm --out default.arpa    # the shipped default model
        """)
    @Argument(help: "The bundle (default: the shipped model).") var bundle: String?
    @Option(help: "ARPA file to write.") var out: String

    func validate() throws { try ModelsSetLMCommand.refuseOverwriting(bundle, with: out) }

    func run() async throws {
        let model = try bundle.map { try ModelBundle(path: $0) } ?? Recognizer.defaultBundle()
        guard let languageModel = model.languageModel else {
            throw TrainingError.language(source: bundle ?? "the default model", reason: "the bundle has no language model")
        }
        try Data(languageModel.arpa().utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        FileHandle.standardError.write(Data("\(out): \(languageModel.counts.enumerated().map { "\($0.offset + 1)-grams \($0.element)" }.joined(separator: ", "))\n".utf8))
    }
}

/// `earshot models set-lm`: the same acoustic model with a new vocabulary and LM.
struct ModelsSetLMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-lm", abstract: "Give a bundle a new vocabulary and language model, without retraining.",
        discussion: """
        The acoustic model emits characters, so any word spelled in its characters can be \
        recognized once it is in the lexicon and the language model. --text trains a word n-gram \
        LM (Kneser-Ney) on sentences, one per line; --arpa reads one made elsewhere. The lexicon \
        becomes the LM's words, spelled. The input bundle is never modified.

        Examples:
          earshot models set-lm model.earshot --text my-queries.txt --version 2 --out model-lm.earshot
          earshot models set-lm model.earshot --arpa lm.arpa --name my-model --out my-model.earshot
        """)
    @Argument(help: "The bundle (default: the shipped model).") var bundle: String?
    @Option(help: "Sentences to train the LM on, one per line.") var text: String?
    @Option(help: "An ARPA language model to use as is.") var arpa: String?
    @Option(help: "N-gram order with --text (default: the bundle's).") var order: Int?
    @Option(help: "Name of the new bundle (default: the old name with \"-lm\", so both can be served side by side).") var name: String?
    @Option(help: "Version of the new bundle (default: the old one).") var version: String?
    @Option(help: "Bundle to write.") var out: String

    func validate() throws {
        guard (text == nil) != (arpa == nil) else { throw ValidationError("give exactly one of --text and --arpa") }
        try Self.refuseOverwriting(bundle, with: out)
    }

    /// An input bundle is never overwritten by a command's output.
    static func refuseOverwriting(_ bundle: String?, with out: String) throws {
        if let bundle, URL(fileURLWithPath: bundle).standardized == URL(fileURLWithPath: out).standardized {
            throw ValidationError("--out must differ from the input bundle")
        }
    }

    func run() async throws {
        let model = try bundle.map { try ModelBundle(path: $0) } ?? Recognizer.defaultBundle()
        var swapped: ModelBundle
        if let text {
            swapped = try LanguageSwap.fromText(model, sentences: try Self.read(text).components(separatedBy: .newlines), order: order, source: text)
        } else if let arpa {
            swapped = try LanguageSwap.fromARPA(model, arpa: try Self.read(arpa), source: arpa)
        } else {
            return
        }
        swapped.metadata.name = name ?? model.metadata.name + "-lm"
        swapped.metadata.version = version ?? model.metadata.version
        try swapped.write(to: out)
        let words = swapped.lexicon?.words.count ?? 0
        FileHandle.standardError.write(Data("\(out): \(swapped.metadata.name) \(swapped.metadata.version), \(words) words\n".utf8))
    }

    private static func read(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw TrainingError.unreadable(path: path, reason: "cannot read it as UTF-8 text")
        }
    }
}
