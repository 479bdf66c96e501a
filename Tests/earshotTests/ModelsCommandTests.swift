import ArgumentParser
import EarshotMonitoring
@testable import earshot
import EarshotRecognizer
import Foundation
import Testing

@Suite(.timeLimit(.minutes(5))) struct ModelsCommandTests {
    @Test func registerListAndInspectTheShippedModel() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("models-\(UUID().uuidString)").path
        let source = directory + "-source.earshot"
        let bundle = try Recognizer.defaultBundle()
        try bundle.write(to: source)
        let catalog = ModelCatalog(directory: directory)
        let entry = try catalog.register(bundlePath: source)
        #expect(entry.name == bundle.metadata.name && entry.version == bundle.metadata.version)
        #expect(entry.file.hasSuffix("\(bundle.metadata.name)-\(bundle.metadata.version).earshot"))
        #expect(entry.referenceStatistics == bundle.metadata.referenceStatistics.mapValues(\.count))
        // A version names one model forever.
        #expect(throws: RecognizerError.self) { try catalog.register(bundlePath: source) }
        try Data("not a bundle".utf8).write(to: URL(fileURLWithPath: directory + "/junk.earshot"))
        let (entries, failures) = try catalog.entries()
        #expect(entries.map(\.name) == [bundle.metadata.name])
        #expect(failures.count == 1 && failures[0].file.hasSuffix("junk.earshot"))
        await #expect(throws: ExitCode.self) { try await ModelsListCommand.parse(["--registry", directory]).run() }
        #expect(ModelsCommand.helpMessage().contains("Examples:"))
        // The server builds its drift reference from the bundle.
        let recognizer = try Recognizer(bundle: bundle)
        let reference = try DriftReference.distributions(recognizer.referenceStatistics, source: "model")
        #expect(Set(reference.keys) == Set(bundle.metadata.referenceStatistics.filter { !$0.value.isEmpty }.keys))
    }

    /// export-lm then set-lm --arpa gives a bundle with the same LM and lexicon; set-lm --text
    /// makes a new version; bad input names the file; the input bundle is never overwritten.
    @Test func exportAndSetTheLanguageModel() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("lm-\(UUID().uuidString)").path
        let shipped = try Recognizer.defaultBundle()
        try await ModelsExportLMCommand.parse(["--out", base + ".arpa"]).run()
        let arpa = try String(contentsOfFile: base + ".arpa", encoding: .utf8)
        #expect(arpa == shipped.languageModel?.arpa())
        try await ModelsSetLMCommand.parse(["--arpa", base + ".arpa", "--out", base + "-arpa.earshot"]).run()
        let fromARPA = try ModelBundle(path: base + "-arpa.earshot")
        #expect(fromARPA.languageModel == shipped.languageModel && fromARPA.metadata.name == shipped.metadata.name + "-lm")
        #expect(fromARPA.metadata.version == shipped.metadata.version && fromARPA.metadata.evaluation["dev_wer"] == nil)
        #expect(fromARPA.metadata.referenceStatistics["confidence"] == nil && fromARPA.metadata.referenceStatistics["rms_dbfs"] != nil)
        try Data("call zoe\nplay zydeco music\n".utf8).write(to: URL(fileURLWithPath: base + ".txt"))
        try await ModelsSetLMCommand.parse(["--text", base + ".txt", "--version", "7", "--out", base + "-text.earshot"]).run()
        let fromText = try ModelBundle(path: base + "-text.earshot")
        #expect(fromText.metadata.version == "7" && fromText.lexicon?.words == ["call", "music", "play", "zoe", "zydeco"])
        await #expect { try await ModelsSetLMCommand.parse(["--text", base + "-missing.txt", "--out", base + "-x.earshot"]).run() } throws: { error in
            "\(error)".contains(base + "-missing.txt")
        }
        #expect(!FileManager.default.fileExists(atPath: base + "-x.earshot"))
        #expect(throws: (any Error).self) { try ModelsSetLMCommand.parse([base + "-text.earshot", "--text", base + ".txt", "--out", base + "-text.earshot"]) }
        #expect(throws: (any Error).self) { try ModelsSetLMCommand.parse(["--out", base + "-y.earshot"]) }
        #expect(throws: (any Error).self) { try ModelsExportLMCommand.parse([base + "-text.earshot", "--out", base + "-text.earshot"]) }
    }
}
