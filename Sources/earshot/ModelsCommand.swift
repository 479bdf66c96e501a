import ArgumentParser
import EarshotRecognizer
import Foundation

/// `earshot models`: the model registry, a directory of bundles.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List, inspect and register model bundles (name, version, training-data hash, WER, reference statistics).",
        discussion: """
        Examples:
          earshot models register --registry models/ build/new.earshot
          earshot models list --registry models/
          earshot models inspect models/default-1.earshot --json
          earshot models export-lm model.earshot --out lm.arpa
          earshot models set-lm model.earshot --text my-queries.txt --out model-lm.earshot
          earshot models calibrate model.earshot --manifest dev.jsonl --out model-cal.earshot
        """,
        subcommands: [ModelsListCommand.self, ModelsInspectCommand.self, ModelsRegisterCommand.self,
                      ModelsExportLMCommand.self, ModelsSetLMCommand.self, ModelsCalibrateCommand.self])

    static func json(_ entry: CatalogEntry) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(entry), as: UTF8.self)
    }

    static func line(_ entry: CatalogEntry) -> String {
        let wer = entry.evaluation["dev_wer"].map { String(format: "%.3f", $0) } ?? "-"
        let hash = String(entry.trainingDataHash.prefix(12))
        return "\(entry.name)\t\(entry.version)\tdev_wer=\(wer)\tdata=\(hash.isEmpty ? "-" : hash)\treference=\(entry.referenceStatistics.keys.sorted().joined(separator: ","))\t\(entry.file)"
    }
}

struct ModelsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the registry's bundles.",
        discussion: "Examples:\n  earshot models list --registry models/ --json")
    @Option(help: "The registry directory.") var registry: String
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        let (entries, failures) = try ModelCatalog(directory: registry).entries()
        for entry in entries { print(json ? try ModelsCommand.json(entry) : ModelsCommand.line(entry)) }
        for failure in failures { FileHandle.standardError.write(Data("\(failure.file): \(failure.reason)\n".utf8)) }
        if !failures.isEmpty { throw EarshotExit.someInputsFailed }
    }
}

struct ModelsInspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Show one bundle's metadata.",
        discussion: "Examples:\n  earshot models inspect models/default-1.earshot --json")
    @Argument(help: "Bundle files.") var bundles: [String]
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        var failed = false
        for path in bundles {
            do {
                let entry = try ModelCatalog.inspect(path: path)
                print(json ? try ModelsCommand.json(entry) : ModelsCommand.line(entry) + "\n  evaluation: \(entry.evaluation.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                failed = true
            }
        }
        if failed { throw EarshotExit.someInputsFailed }
    }
}

struct ModelsRegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register", abstract: "Validate a bundle and copy it into the registry as NAME-VERSION.earshot.",
        discussion: "Examples:\n  earshot models register --registry models/ build/new.earshot")
    @Option(help: "The registry directory (created if missing).") var registry: String
    @Argument(help: "The bundle to register.") var bundle: String
    @Flag(help: "Print the entry as JSON.") var json = false

    func run() async throws {
        let entry = try ModelCatalog(directory: registry).register(bundlePath: bundle)
        print(json ? try ModelsCommand.json(entry) : "registered \(ModelsCommand.line(entry))")
    }
}
